import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

class PerItem {
    private final SqsClient sqs = SqsClient.create();
    private final DynamoDbClient ddb = DynamoDbClient.create();

    void sendOneByOne(String queueUrl, List<String> bodies) {
        for (String body : bodies) {
            // ruleid: java/aws-batch-operation-available
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        }
    }

    void putOneByOne(String table, List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            // ruleid: java/aws-batch-operation-available
            ddb.putItem(r -> r.tableName(table).item(item));
        }
    }

    void batched(String queueUrl, List<DeleteMessageBatchRequestEntry> entries) {
        // ok: java/aws-batch-operation-available -- the batch operation
        DeleteMessageBatchResponse res = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        if (res.hasFailed()) {
            System.err.println(res.failed());
        }
    }

    void poll(String queueUrl) {
        while (true) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(20)).messages()) {
                process(m);
                // ok: java/aws-batch-operation-available -- each message deleted once processed (at-least-once consumer)
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    void single(String queueUrl, String body) {
        // ok: java/aws-batch-operation-available -- one message, no loop
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    void process(Message m) {
    }
}
