import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

class Polling {
    private final SqsClient sqs = SqsClient.create();

    void shortPollV2(String queueUrl) {
        while (true) {
            // ruleid: java/aws-sqs-short-polling
            ReceiveMessageResponse res = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10));
            res.messages().forEach(m -> System.out.println(m.body()));
        }
    }

    List<Message> shortPollV1(AmazonSQS v1, String queueUrl) {
        // ruleid: java/aws-sqs-short-polling
        return v1.receiveMessage(queueUrl).getMessages();
    }

    void longPollV2(String queueUrl) {
        while (true) {
            // ok: java/aws-sqs-short-polling -- long polling
            ReceiveMessageResponse res = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(20));
            res.messages().forEach(m -> System.out.println(m.body()));
        }
    }

    List<Message> longPollV1(AmazonSQS v1, String queueUrl) {
        ReceiveMessageRequest req = new ReceiveMessageRequest(queueUrl).withWaitTimeSeconds(10);
        // ok: java/aws-sqs-short-polling -- long polling
        return v1.receiveMessage(req).getMessages();
    }

    List<Message> givenRequest(AmazonSQS v1, ReceiveMessageRequest req) {
        // ok: java/aws-sqs-short-polling -- the request is built by the caller
        return v1.receiveMessage(req).getMessages();
    }
}
