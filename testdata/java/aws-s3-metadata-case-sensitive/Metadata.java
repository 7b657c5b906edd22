import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.model.ObjectMetadata;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class Metadata {
    private static final String OWNER_KEY = "Owner-Id";

    String v1(AmazonS3 s3, String bucket, String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        ObjectMetadata md = s3.getObjectMetadata(bucket, key);
        // ruleid: java/aws-s3-metadata-case-sensitive
        String owner = md.getUserMetadata().get("Owner");
        // ruleid: java/aws-s3-metadata-case-sensitive
        String id = md.getUserMetaDataOf(OWNER_KEY);
        // ok: java/aws-s3-metadata-case-sensitive -- lower-case key
        String team = md.getUserMetadata().get("team");
        return owner + id + team;
    }

    String v2(S3Client s3, String bucket, String key) {
        // ruleid: java/aws-s3-missing-bucket-owner
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        // ruleid: java/aws-s3-metadata-case-sensitive
        String owner = head.metadata().get("Owner");
        // ok: java/aws-s3-metadata-case-sensitive -- lower-case key
        // ruleid: java/aws-s3-missing-bucket-owner
        String team = s3.headObject(r -> r.bucket(bucket).key(key)).metadata().get("team");
        return owner + team;
    }

    String notS3(Map<String, String> headers) {
        // ok: java/aws-s3-metadata-case-sensitive -- an ordinary map
        return headers.get("Content-Type");
    }
}
