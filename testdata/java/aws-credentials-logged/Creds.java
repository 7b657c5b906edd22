import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class Creds {
    private static final Logger LOG = LoggerFactory.getLogger(Creds.class);

    void v1(AWSCredentialsProvider provider) {
        AWSCredentials creds = provider.getCredentials();
        // ruleid: java/aws-credentials-logged
        LOG.info("using key {} / {}", creds.getAWSAccessKeyId(), creds.getAWSSecretKey());
        // ok: java/aws-credentials-logged -- only where the credentials came from
        LOG.info("credentials resolved by {}", provider.getClass().getSimpleName());
    }

    void v2(AwsCredentialsProvider provider) {
        AwsCredentials creds = provider.resolveCredentials();
        String secret = creds.secretAccessKey();
        // ruleid: java/aws-credentials-logged
        System.out.println("secret=" + secret);
    }

    String secret(SecretsManagerClient sm, String id) {
        String value = sm.getSecretValue(r -> r.secretId(id)).secretString();
        // ruleid: java/aws-credentials-logged
        LOG.debug("secret value: {}", value);
        // ok: java/aws-credentials-logged -- the secret's id, not its value
        LOG.debug("read secret {}", id);
        return value;
    }
}
