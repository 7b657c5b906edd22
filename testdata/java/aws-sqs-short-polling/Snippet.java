// A snippet that spells no SDK type: `sqs` is a field of a superclass we cannot see, named like an
// SQS client. The file mentions no client type name, so only the variable's name can say it is one.
class Snippet extends Worker {
    void drain(String queueUrl) {
        while (true) {
            // ruleid: java/aws-sqs-short-polling
            var res = sqs.receiveMessage(r -> r.queueUrl(queueUrl));
            handle(res);
        }
    }

    void local(Inbox inbox, String queueUrl) {
        // ok: java/aws-sqs-short-polling -- a declared variable of a type that is not an SDK client
        var res = inbox.receiveMessage(queueUrl);
        handle(res);
    }
}
