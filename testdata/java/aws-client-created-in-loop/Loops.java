import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class Loops {
    void deleteAll(List<String> buckets) {
        for (String bucket : buckets) {
            // ruleid: java/aws-client-created-in-loop
            S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();
            // ruleid: java/aws-s3-missing-bucket-owner
            s3.deleteBucket(r -> r.bucket(bucket));
        }
    }

    void sendAll(List<String> bodies) {
        bodies.forEach(b -> {
            // ruleid: java/aws-client-created-in-loop, java/resource-leak
            AmazonSQS sqs = AmazonSQSClientBuilder.defaultClient();
            sqs.sendMessage("https://queue", b); // ruleid: java/aws-batch-operation-available
        });
    }

    void perRegion(List<Region> regions) {
        for (Region region : regions) {
            // ok: java/aws-client-created-in-loop -- one client per region, closed each time
            try (S3Client s3 = regionalClient(region)) {
                s3.listBuckets();
            }
        }
    }

    S3Client regionalClient(Region region) {
        // ok: java/aws-client-created-in-loop -- not in a loop
        return S3Client.builder().region(region).build();
    }

    void reuse(List<String> buckets) {
        // ok: java/aws-client-created-in-loop -- built once before the loop
        // ruleid: java/resource-leak
        S3Client s3 = S3Client.create();
        for (String bucket : buckets) {
            // ruleid: java/aws-s3-missing-bucket-owner
            s3.deleteBucket(r -> r.bucket(bucket));
        }
    }
}
