import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

public class HandlerV2 implements RequestHandler<Map<String, String>, String> {
    // ok: java/aws-lambda-client-reuse -- built once per execution environment
    private static final S3Client S3 = S3Client.create();
    private final DynamoDbClient ddb;

    public HandlerV2() {
        // ok: java/aws-lambda-client-reuse -- the constructor runs once per execution environment
        this.ddb = DynamoDbClient.builder().region(Region.US_EAST_1).build();
    }

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        // ruleid: java/aws-lambda-client-reuse
        S3Client s3 = S3Client.builder().region(Region.EU_WEST_1).build();
        // ruleid: java/aws-s3-missing-bucket-owner
        s3.headBucket(r -> r.bucket(input.get("bucket")));
        // ruleid: java/aws-s3-missing-bucket-owner
        S3.headBucket(r -> r.bucket(input.get("other")));
        return lookup(input.get("id"));
    }

    private String lookup(String id) {
        // ruleid: java/aws-lambda-client-reuse, java/resource-leak
        DynamoDbClient local = DynamoDbClient.create();
        return local.describeTable(r -> r.tableName(id)).table().tableName();
    }

    String notCalledFromTheHandler() {
        // ok: java/aws-lambda-client-reuse -- not reached from handleRequest
        // ruleid: java/resource-leak
        S3Client s3 = S3Client.create();
        return s3.toString();
    }
}
