import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import java.io.InputStream;
import java.io.OutputStream;

public class HandlerV1 implements RequestStreamHandler {
    // ok: java/aws-lambda-client-reuse -- static field, reused by warm invocations
    private static final AmazonSQS SQS = AmazonSQSClientBuilder.defaultClient();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        // ruleid: java/aws-lambda-client-reuse
        // ruleid: java/aws-region-enumeration
        AmazonS3 s3 = AmazonS3ClientBuilder.standard().withRegion("us-east-1").build();
        // ruleid: java/aws-s3-missing-bucket-owner
        s3.putObject("bucket", "key", "body");
        SQS.sendMessage("https://queue", "done");
    }
}

class NotAHandler {
    public String handleRequest(String in) {
        // ok: java/aws-lambda-client-reuse -- not a Lambda handler (no Context, no handler interface)
        // ruleid: java/resource-leak
        AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();
        // ruleid: java/aws-s3-missing-bucket-owner
        return s3.getObjectAsString("bucket", in);
    }
}
