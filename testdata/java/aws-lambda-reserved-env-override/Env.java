import com.amazonaws.services.lambda.AWSLambda;
import com.amazonaws.services.lambda.model.Environment;
import com.amazonaws.services.lambda.model.UpdateFunctionConfigurationRequest;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

class Env {
    void v2(LambdaClient lambda, String fn) {
        Map<String, String> vars = new HashMap<>();
        // ruleid: java/aws-lambda-reserved-env-override
        vars.put("AWS_REGION", "eu-west-1");
        // ok: java/aws-lambda-reserved-env-override -- a name of our own
        vars.put("TARGET_REGION", "eu-west-1");
        lambda.updateFunctionConfiguration(r -> r.functionName(fn).environment(e -> e.variables(vars)));
    }

    void v1(AWSLambda lambda, String fn) {
        // ruleid: java/aws-lambda-reserved-env-override
        Environment env = new Environment().withVariables(Map.of("LOG_LEVEL", "debug", "_HANDLER", "x.Handler"));
        lambda.updateFunctionConfiguration(new UpdateFunctionConfigurationRequest().withFunctionName(fn).withEnvironment(env));
    }

    void processEnv() throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder("aws", "s3", "ls");
        // ok: java/aws-lambda-reserved-env-override -- a child process, not a Lambda function
        pb.environment().put("AWS_REGION", "eu-west-1");
        pb.start();
    }
}
