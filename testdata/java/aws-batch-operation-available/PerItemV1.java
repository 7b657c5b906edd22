import com.amazonaws.services.kinesis.AmazonKinesis;
import com.amazonaws.services.sns.AmazonSNS;
import java.nio.ByteBuffer;
import java.util.List;

class PerItemV1 {
    void publishEach(AmazonSNS sns, String topicArn, List<String> messages) {
        messages.forEach(m ->
            // ruleid: java/aws-batch-operation-available
            sns.publish(topicArn, m));
    }

    void putEach(AmazonKinesis kinesis, String stream, List<ByteBuffer> records) {
        for (ByteBuffer data : records) {
            // ruleid: java/aws-batch-operation-available
            kinesis.putRecord(stream, data, "key");
        }
    }

    void notALoop(AmazonKinesis kinesis, String stream, ByteBuffer data) {
        // ok: java/aws-batch-operation-available -- one record
        kinesis.putRecord(stream, data, "key");
    }
}
