import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.s3.AmazonS3;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ErrorMessage {
    private final S3Client s3 = S3Client.create();

    String v2(String b, String k) {
        try {
            // ruleid: java/aws-s3-missing-bucket-owner
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(b).key(k).build()).asUtf8String();
        } catch (S3Exception e) {
            // ruleid: java/aws-error-by-message
            if (e.getMessage().contains("NoSuchKey")) {
                return null;
            }
            // ruleid: java/aws-error-by-message
            if ("Access Denied".equals(e.awsErrorDetails().errorMessage())) {
                return "";
            }
            throw e;
        }
    }

    String v1(AmazonS3 s3v1, String b, String k) {
        try {
            // ruleid: java/aws-s3-missing-bucket-owner
            return s3v1.getObjectAsString(b, k);
        } catch (AmazonServiceException e) {
            // ruleid: java/aws-error-by-message
            if (e.getErrorMessage().startsWith("The specified key does not exist")) {
                return null;
            }
            // ok: java/aws-error-by-message -- the error code is the stable contract
            if ("NoSuchKey".equals(e.getErrorCode())) {
                return null;
            }
            throw e;
        }
    }

    String typed(String b, String k) {
        try {
            // ruleid: java/aws-s3-missing-bucket-owner
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(b).key(k).build()).asUtf8String();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            // ok: java/aws-error-by-message -- the message is only logged
            System.err.println("S3 failed: " + e.getMessage());
            // ok: java/aws-error-by-message -- error code compared
            if ("SlowDown".equals(e.awsErrorDetails().errorCode())) {
                return "";
            }
            throw e;
        }
    }

    String throughLocal(String b, String k) {
        try {
            // ruleid: java/aws-s3-missing-bucket-owner
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(b).key(k).build()).asUtf8String();
        } catch (S3Exception e) {
            // ruleid: java/aws-error-by-message
            String message = e.getMessage();
            if (message != null && message.contains("SlowDown")) {
                return "";
            }
            throw e;
        }
    }

    boolean notSdk(String s) {
        try {
            return Integer.parseInt(s) > 0;
        } catch (NumberFormatException e) {
            // ok: java/aws-error-by-message -- not an AWS exception
            return e.getMessage().contains("radix");
        }
    }
}
