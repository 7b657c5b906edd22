import com.amazonaws.regions.Regions;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;

class Regions1 {
    private static final String HOME = "eu-west-1";

    AmazonS3 literal() {
        // ruleid: java/aws-region-enumeration
        return AmazonS3ClientBuilder.standard().withRegion("us-west-2").build();
    }

    AmazonSQS constant() {
        // ruleid: java/aws-region-enumeration
        return AmazonSQSClientBuilder.standard().withRegion(HOME).build();
    }

    Regions typo() {
        // ruleid: java/aws-region-enumeration
        return Regions.fromName("us-west2");
    }

    AmazonS3 enumerated() {
        // ok: java/aws-region-enumeration -- the SDK's enumeration
        return AmazonS3ClientBuilder.standard().withRegion(Regions.US_WEST_2).build();
    }

    AmazonS3 configured(String region) {
        // ok: java/aws-region-enumeration -- the Region comes from configuration
        return AmazonS3ClientBuilder.standard().withRegion(region).build();
    }

    AmazonS3 fromEnv() {
        // ok: java/aws-region-enumeration -- read from the environment
        return AmazonS3ClientBuilder.standard().withRegion(System.getenv("AWS_REGION")).build();
    }

    Regions parsed(String userRegion) {
        // ok: java/aws-region-enumeration -- parsing a value that is not a constant
        return Regions.fromName(userRegion);
    }
}
