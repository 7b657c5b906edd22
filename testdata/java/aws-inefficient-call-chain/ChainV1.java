import java.io.IOException;
import java.io.InputStream;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.S3Object;

class ChainV1 {
    private final AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();

    long size(String bucket, String key) {
        // ruleid: java/aws-inefficient-call-chain
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.getObject(bucket, key).getObjectMetadata().getContentLength();
    }

    String type(String bucket, String key) throws IOException {
        // ruleid: java/aws-inefficient-call-chain
        // ruleid: java/aws-s3-missing-bucket-owner
        try (S3Object o = s3.getObject(bucket, key)) {
            return o.getObjectMetadata().getContentType();
        }
    }

    long head(String bucket, String key) {
        // ok: java/aws-inefficient-call-chain -- metadata request, no body
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.getObjectMetadata(bucket, key).getContentLength();
    }

    byte[] both(String bucket, String key) throws IOException {
        // ok: java/aws-inefficient-call-chain -- the content is read too
        // ruleid: java/aws-s3-missing-bucket-owner
        try (S3Object o = s3.getObject(bucket, key)) {
            ObjectMetadata m = o.getObjectMetadata();
            InputStream in = o.getObjectContent();
            if (m.getContentLength() > 1_000_000) {
                throw new IOException("too big");
            }
            return in.readAllBytes();
        }
    }

    S3Object handedOn(String bucket, String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        // ok: java/aws-inefficient-call-chain -- the caller reads it
        S3Object o = s3.getObject(bucket, key);
        log(o.getObjectMetadata());
        return o;
    }

    void log(ObjectMetadata m) {
    }
}
