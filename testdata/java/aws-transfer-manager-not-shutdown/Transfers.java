import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.transfer.TransferManager;
import com.amazonaws.services.s3.transfer.TransferManagerBuilder;
import java.io.File;
import java.nio.file.Path;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

class Transfers {
    private TransferManager shared;

    void leaks(AmazonS3 s3, String bucket, String key, File file) throws InterruptedException {
        // ruleid: java/aws-transfer-manager-not-shutdown
        TransferManager tm = TransferManagerBuilder.standard().withS3Client(s3).build();
        tm.upload(bucket, key, file).waitForCompletion();
    }

    void v2Leaks(String bucket, String key, Path path) {
        // ruleid: java/aws-transfer-manager-not-shutdown
        S3TransferManager tm = S3TransferManager.create();
        tm.uploadFile(u -> u.source(path).putObjectRequest(p -> p.bucket(bucket).key(key))).completionFuture().join();
    }

    void shutsDown(AmazonS3 s3, String bucket, String key, File file) throws InterruptedException {
        // ok: java/aws-transfer-manager-not-shutdown -- shut down in finally
        TransferManager tm = TransferManagerBuilder.standard().withS3Client(s3).build();
        try {
            tm.upload(bucket, key, file).waitForCompletion();
        } finally {
            tm.shutdownNow(false);
        }
    }

    void v2TryWithResources(String bucket, String key, Path path) {
        // ok: java/aws-transfer-manager-not-shutdown -- try-with-resources closes it
        try (S3TransferManager tm = S3TransferManager.create()) {
            tm.uploadFile(u -> u.source(path).putObjectRequest(p -> p.bucket(bucket).key(key))).completionFuture().join();
        }
    }

    void kept(AmazonS3 s3) {
        // ok: java/aws-transfer-manager-not-shutdown -- stored in a field for later use
        TransferManager tm = TransferManagerBuilder.standard().withS3Client(s3).build();
        shared = tm;
    }
}
