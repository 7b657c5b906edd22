import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

class Policies {
    // ruleid: java/aws-iam-wildcard-policy
    static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    // ruleid: java/aws-iam-wildcard-policy
    static final String S3_ALL = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:*\"], \"Resource\": \"*\"}]}";

    // ok: java/aws-iam-wildcard-policy -- specific action and resource
    static final String READ = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";

    // ok: java/aws-iam-wildcard-policy -- a Deny statement
    static final String DENY = "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    IamPolicy builder() {
        return IamPolicy.builder()
            .addStatement(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                // ruleid: java/aws-iam-wildcard-policy
                .addAction("*")
                // ok: java/aws-iam-wildcard-policy -- a resource wildcard alone is not reported
                .addResource("*")
                .build())
            .build();
    }
}
