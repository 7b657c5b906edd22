import java.util.List;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchResult;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

class Visibility {
    private final AmazonSQS sqsV1 = AmazonSQSClientBuilder.defaultClient();
    private final SqsClient sqs = SqsClient.create();

    void extendV1(String queueUrl, List<ChangeMessageVisibilityBatchRequestEntry> entries) {
        // ruleid: java/aws-unchecked-batch-failures
        sqsV1.changeMessageVisibilityBatch(queueUrl, entries);
    }

    void extendV2(String queueUrl, List<software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry> entries) {
        // ruleid: java/aws-unchecked-batch-failures
        ChangeMessageVisibilityBatchResponse res = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
        System.out.println(res.successful().size() + " extended");
    }

    void extendChecked(String queueUrl, List<ChangeMessageVisibilityBatchRequestEntry> entries) {
        // ok: java/aws-unchecked-batch-failures -- the failed entries are read
        ChangeMessageVisibilityBatchResult res = sqsV1.changeMessageVisibilityBatch(queueUrl, entries);
        if (!res.getFailed().isEmpty()) {
            throw new IllegalStateException(res.getFailed().toString());
        }
    }

    void extendOne(String queueUrl, String handle) {
        // ok: java/aws-unchecked-batch-failures -- a single change fails with an exception
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(300));
    }
}
