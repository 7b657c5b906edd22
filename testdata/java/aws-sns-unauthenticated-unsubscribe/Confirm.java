import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.model.ConfirmSubscriptionRequest;
import software.amazon.awssdk.services.sns.SnsClient;

class Confirm {
    private final SnsClient sns = SnsClient.create();

    void v1TwoArgs(AmazonSNS v1, String topicArn, String token) {
        // ruleid: java/aws-sns-unauthenticated-unsubscribe
        v1.confirmSubscription(topicArn, token);
    }

    void v1Request(AmazonSNS v1, String topicArn, String token) {
        // ruleid: java/aws-sns-unauthenticated-unsubscribe
        v1.confirmSubscription(new ConfirmSubscriptionRequest().withTopicArn(topicArn).withToken(token));
    }

    void v2(String topicArn, String token) {
        // ruleid: java/aws-sns-unauthenticated-unsubscribe
        sns.confirmSubscription(r -> r.topicArn(topicArn).token(token).authenticateOnUnsubscribe("false"));
    }

    void v1Authenticated(AmazonSNS v1, String topicArn, String token) {
        // ok: java/aws-sns-unauthenticated-unsubscribe -- authenticateOnUnsubscribe "true"
        v1.confirmSubscription(topicArn, token, "true");
    }

    void v2Authenticated(String topicArn, String token) {
        // ok: java/aws-sns-unauthenticated-unsubscribe -- authenticateOnUnsubscribe set
        sns.confirmSubscription(r -> r.topicArn(topicArn).token(token).authenticateOnUnsubscribe("true"));
    }
}
