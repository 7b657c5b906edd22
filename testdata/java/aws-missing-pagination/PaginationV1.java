import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.model.ObjectListing;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import com.amazonaws.services.sqs.AmazonSQS;
import java.util.ArrayList;
import java.util.List;

class PaginationV1 {
    void listNoncompliant(AmazonS3 s3Client, String bucketName) {
        // ruleid: java/aws-missing-pagination
        // ruleid: java/aws-s3-missing-bucket-owner
        ObjectListing objectListing = s3Client.listObjects(bucketName);
        for (S3ObjectSummary summary : objectListing.getObjectSummaries()) {
            System.out.println(summary.getKey());
        }
    }

    void listCompliant(AmazonS3 s3Client, String bucketName) {
        // ok: java/aws-missing-pagination -- isTruncated / listNextBatchOfObjects follow the pages
        // ruleid: java/aws-s3-missing-bucket-owner
        ObjectListing objectListing = s3Client.listObjects(bucketName);
        while (true) {
            for (S3ObjectSummary summary : objectListing.getObjectSummaries()) {
                System.out.println(summary.getKey());
            }
            if (!objectListing.isTruncated()) {
                break;
            }
            objectListing = s3Client.listNextBatchOfObjects(objectListing);
        }
    }

    List<String> queues(AmazonSQS sqs) {
        // ruleid: java/aws-missing-pagination
        return new ArrayList<>(sqs.listQueues().getQueueUrls());
    }

    static class Repository {
        List<String> listObjects(String bucket) {
            return new ArrayList<>();
        }
    }

    List<String> notTheSdk(Repository repo) {
        // ok: java/aws-missing-pagination -- `listObjects` of a class that is not an SDK client
        return repo.listObjects("bucket");
    }
}
