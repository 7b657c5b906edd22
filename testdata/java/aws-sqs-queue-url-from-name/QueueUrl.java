import software.amazon.awssdk.services.sqs.SqsClient;

class QueueUrl {
    private static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/" + "orders";

    void send(SqsClient sqs, String region, String account, String queueName, String body) {
        // ruleid: java/aws-sqs-queue-url-from-name
        String url = "https://sqs." + region + ".amazonaws.com/" + account + "/" + queueName;
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
    }

    void lookedUp(SqsClient sqs, String queueName, String body) {
        // ok: java/aws-sqs-queue-url-from-name -- asked from SQS
        String url = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
    }

    String constant() {
        // ok: java/aws-sqs-queue-url-from-name -- a configured constant
        return QUEUE_URL;
    }

    String other(String host, String path) {
        // ok: java/aws-sqs-queue-url-from-name -- not an SQS URL
        return "https://" + host + "/" + path;
    }
}
