import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class BatchV2 {
    private final DynamoDbClient ddb = DynamoDbClient.create();
    private final SqsClient sqs = SqsClient.create();
    private final KinesisClient kinesis = KinesisClient.create();

    void discarded(Map<String, List<WriteRequest>> writes) {
        // ruleid: java/aws-unchecked-batch-failures
        ddb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(writes).build());
    }

    void keptButUnchecked(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        // ruleid: java/aws-unchecked-batch-failures
        SendMessageBatchResponse res = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        System.out.println(res.successful().size() + " sent");
    }

    void retried(Map<String, List<WriteRequest>> writes) {
        Map<String, List<WriteRequest>> pending = writes;
        while (!pending.isEmpty()) {
            // ok: java/aws-unchecked-batch-failures -- unprocessed items are retried
            BatchWriteItemResponse res = ddb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build());
            pending = res.unprocessedItems();
        }
    }

    void checked(String stream, List<PutRecordsRequestEntry> records) {
        // ok: java/aws-unchecked-batch-failures -- the failed record count is checked
        PutRecordsResponse res = kinesis.putRecords(r -> r.streamName(stream).records(records));
        if (res.failedRecordCount() > 0) {
            throw new IllegalStateException(res.failedRecordCount() + " records failed");
        }
    }

    SendMessageBatchResponse handedBack(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        // ok: java/aws-unchecked-batch-failures -- the caller gets the response and its failures
        return sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    }
}
