import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3Client;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.transfer.TransferManager;

class Constructors {
    void build(BasicAWSCredentials creds) {
        // ruleid: java/aws-client-constructor-deprecated
        AmazonS3 s3 = new AmazonS3Client();
        // ruleid: java/aws-client-constructor-deprecated
        AmazonDynamoDB ddb = new AmazonDynamoDBClient(creds);
        // ruleid: java/aws-client-constructor-deprecated
        TransferManager tm = new TransferManager(s3);
        // ok: java/aws-client-constructor-deprecated -- the builder
        AmazonS3 built = AmazonS3ClientBuilder.standard().withRegion(Regions.US_EAST_1).build();
        // ok: java/aws-client-constructor-deprecated -- the builder's default client
        // ruleid: java/resource-leak
        AmazonDynamoDB d2 = AmazonDynamoDBClientBuilder.defaultClient();
        tm.shutdownNow();
    }
}
