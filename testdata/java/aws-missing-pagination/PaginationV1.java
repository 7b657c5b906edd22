import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import com.amazonaws.services.dynamodbv2.model.ScanResult;
import com.amazonaws.services.s3.model.ListObjectsRequest;
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

    void firstTen(AmazonS3 s3Client, String bucketName, String owner) {
        // ok: java/aws-missing-pagination -- an explicit small page (`withMaxKeys(10)`): one page is intended
        ObjectListing listing = s3Client.listObjects(new ListObjectsRequest()
                .withBucketName(bucketName).withExpectedBucketOwner(owner).withMaxKeys(10));
        System.out.println(listing.getObjectSummaries().size());
    }

    void scanAll(AmazonDynamoDB dynamo) {
        ScanRequest request = new ScanRequest().withTableName("orders");
        ScanResult result;
        do {
            // ok: java/aws-missing-pagination -- the loop passes LastEvaluatedKey back as ExclusiveStartKey
            result = dynamo.scan(request);
            System.out.println(result.getItems().size());
            request.setExclusiveStartKey(result.getLastEvaluatedKey());
        } while (result.getLastEvaluatedKey() != null);
    }

    void scanSample(AmazonDynamoDB dynamo) {
        // ok: java/aws-missing-pagination -- `withLimit(5)`: a bounded sample is intended
        ScanResult result = dynamo.scan(new ScanRequest().withTableName("orders").withLimit(5));
        System.out.println(result.getItems().size());
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
