import java.nio.file.Path;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class ChainV2 {
    private final S3Client s3 = S3Client.create();

    String etag(GetObjectRequest req) {
        // ruleid: java/aws-inefficient-call-chain
        return s3.getObject(req).response().eTag();
    }

    int size(String bucket, String key) {
        // ruleid: java/aws-inefficient-call-chain
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray().length;
    }

    long modified(String bucket, String key) throws Exception {
        // ruleid: java/aws-inefficient-call-chain
        // ruleid: java/aws-s3-missing-bucket-owner
        ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key));
        long t = in.response().lastModified().toEpochMilli();
        in.abort();
        return t;
    }

    long head(String bucket, String key) {
        // ok: java/aws-inefficient-call-chain -- HEAD request
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.headObject(r -> r.bucket(bucket).key(key)).contentLength();
    }

    String text(String bucket, String key) throws Exception {
        // ok: java/aws-inefficient-call-chain -- the body is read
        // ruleid: java/aws-s3-missing-bucket-owner
        ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key));
        if (in.response().contentLength() > 1_000_000) {
            throw new IllegalStateException("too big");
        }
        return new String(in.readAllBytes());
    }

    void save(GetObjectRequest req, Path to) {
        // ok: java/aws-inefficient-call-chain -- the body goes to a file
        GetObjectResponse r = s3.getObject(req, to);
        System.out.println(r.contentLength());
    }

    byte[] bytes(String bucket, String key) {
        // ok: java/aws-inefficient-call-chain -- the bytes are the point
        // ruleid: java/aws-s3-missing-bucket-owner
        ResponseBytes<GetObjectResponse> b = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        System.out.println(b.asByteArray().length + " bytes");
        return b.asByteArray();
    }
}
