import java.nio.file.Path;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class OwnerV2 {
    private static final String OWNER = "111122223333";
    private final S3Client s3 = S3Client.create();
    private final S3AsyncClient async = S3AsyncClient.create();

    byte[] read(String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        ResponseBytes<GetObjectResponse> b = s3.getObjectAsBytes(r -> r.bucket("reports").key(key));
        return b.asByteArray();
    }

    void write(String key, byte[] data) {
        PutObjectRequest req = PutObjectRequest.builder().bucket("reports").key(key).build();
        // ruleid: java/aws-s3-missing-bucket-owner
        s3.putObject(req, RequestBody.fromBytes(data));
    }

    void asyncDelete(String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        async.deleteObject(r -> r.bucket("reports").key(key)).join();
    }

    byte[] readOwned(String key) {
        // ok: java/aws-s3-missing-bucket-owner -- the owner condition is set
        return s3.getObjectAsBytes(r -> r.bucket("reports").key(key).expectedBucketOwner(OWNER)).asByteArray();
    }

    void download(String key, Path to) {
        GetObjectRequest req = GetObjectRequest.builder().bucket("reports").key(key).expectedBucketOwner(OWNER).build();
        // ok: java/aws-s3-missing-bucket-owner -- owner set on the request variable
        s3.getObject(req, to);
    }

    void given(GetObjectRequest req, Path to) {
        // ok: java/aws-s3-missing-bucket-owner -- the request is built by the caller
        s3.getObject(req, to);
    }

    void create(String name) {
        // ok: java/aws-s3-missing-bucket-owner -- creating a bucket: there is no owner to expect yet
        s3.createBucket(r -> r.bucket(name));
    }

    String url(String key) {
        // ok: java/aws-s3-missing-bucket-owner -- builds a URL locally, sends no request
        return s3.utilities().getUrl(r -> r.bucket("reports").key(key)).toExternalForm();
    }
}
