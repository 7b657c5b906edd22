import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.PutItemRequest;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

class Retry {
    private final LambdaClient lambda = LambdaClient.create();

    InvokeResponse invokeWithRetries(String fn) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            // ruleid: java/aws-custom-retry-loop
            try {
                return lambda.invoke(InvokeRequest.builder().functionName(fn).build());
            } catch (SdkException e) {
                Thread.sleep(1000L * attempt);
            }
        }
        throw new IllegalStateException("gave up");
    }

    void putWithRetries(AmazonDynamoDB ddb, PutItemRequest req) {
        int retries = 0;
        boolean done = false;
        while (!done && retries < 3) {
            // ruleid: java/aws-custom-retry-loop
            try {
                ddb.putItem(req);
                done = true;
            } catch (AmazonServiceException e) {
                retries++;
                continue;
            }
        }
    }

    void perItem(List<String> functions) {
        for (String fn : functions) {
            // ok: java/aws-custom-retry-loop -- one attempt per item of a collection, not a retry
            try {
                lambda.invoke(InvokeRequest.builder().functionName(fn).build());
            } catch (SdkException e) {
                System.err.println(fn + " failed");
            }
        }
    }

    void rethrows(String fn) {
        while (true) {
            // ok: java/aws-custom-retry-loop -- the catch rethrows: no retry
            try {
                lambda.invoke(InvokeRequest.builder().functionName(fn).build());
                break;
            } catch (SdkException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    void notSdk(java.net.Socket s) throws InterruptedException {
        while (true) {
            // ok: java/aws-custom-retry-loop -- no SDK call in the try
            try {
                s.getOutputStream().write(1);
                break;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
    }
}
