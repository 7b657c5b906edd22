import java.io.File;
import java.util.List;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.GetObjectRequest;
import com.amazonaws.services.s3.model.DeleteObjectsRequest;
import com.amazonaws.services.s3.model.DeleteObjectsRequest.KeyVersion;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import com.amazonaws.services.s3.model.S3Object;

class OwnerV1 {
    private static final String BUCKET = "reports";
    private final AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();

    String read(String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.getObjectAsString(BUCKET, key);
    }

    void upload(String bucket, String key, File file) {
        // ruleid: java/aws-s3-missing-bucket-owner
        s3.putObject(bucket, key, file);
    }

    S3Object fetch(String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.getObject(new GetObjectRequest(BUCKET, key).withRange(0, 1023));
    }

    void purge(List<KeyVersion> keys) {
        // ruleid: java/aws-s3-missing-bucket-owner
        s3.deleteObjects(new DeleteObjectsRequest(BUCKET).withKeys(keys).withQuiet(true));
    }

    S3Object fetchOwned(String key) {
        GetObjectRequest req = new GetObjectRequest(BUCKET, key);
        req.setExpectedBucketOwner("111122223333");
        // ok: java/aws-s3-missing-bucket-owner -- owner set on the request
        return s3.getObject(req);
    }

    void uploadOwned(String key, File file) {
        // ok: java/aws-s3-missing-bucket-owner -- owner set with the fluent setter
        s3.putObject(new PutObjectRequest(BUCKET, key, file).withExpectedBucketOwner("111122223333"));
    }

    boolean exists(String name) {
        // ok: java/aws-s3-missing-bucket-owner -- existence probe, not reported
        return s3.doesBucketExistV2(name);
    }

    void configure() {
        // ok: java/aws-s3-missing-bucket-owner -- client configuration, not a request
        s3.setEndpoint("https://s3.eu-west-1.amazonaws.com");
    }
}

class NotS3 {
    private final Storage store = new Storage();

    ObjectMetadata meta(String key) {
        // ok: java/aws-s3-missing-bucket-owner -- a project's own class with the same method names
        return store.getObjectMetadata("reports", key);
    }
}

class Storage {
    ObjectMetadata getObjectMetadata(String bucket, String key) {
        return null;
    }
}
