import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.kinesisfirehose.AmazonKinesisFirehose;
import com.amazonaws.services.kinesisfirehose.model.PutRecordBatchRequest;
import com.amazonaws.services.kinesisfirehose.model.PutRecordBatchResult;
import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.model.PublishBatchRequest;
import java.util.List;

class BatchV1 {
    void mapperDiscarded(DynamoDBMapper mapper, List<Object> items) {
        // ruleid: java/aws-unchecked-batch-failures
        mapper.batchSave(items);
    }

    void mapperChecked(DynamoDBMapper mapper, List<Object> items) {
        // ok: java/aws-unchecked-batch-failures -- the failed batches are inspected
        List<DynamoDBMapper.FailedBatch> failed = mapper.batchSave(items);
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.get(0).getException());
        }
    }

    void firehose(AmazonKinesisFirehose firehose, PutRecordBatchRequest req) {
        // ruleid: java/aws-unchecked-batch-failures
        PutRecordBatchResult res = firehose.putRecordBatch(req);
        System.out.println(res.getEncrypted());
    }

    void firehoseChecked(AmazonKinesisFirehose firehose, PutRecordBatchRequest req) {
        // ok: java/aws-unchecked-batch-failures -- FailedPutCount is read
        PutRecordBatchResult res = firehose.putRecordBatch(req);
        if (res.getFailedPutCount() > 0) {
            System.err.println("retry needed");
        }
    }

    void sns(AmazonSNS sns, PublishBatchRequest req) {
        // ruleid: java/aws-unchecked-batch-failures
        sns.publishBatch(req);
    }

    void notBatch(AmazonDynamoDB ddb) {
        // ok: java/aws-unchecked-batch-failures -- not a batch operation
        ddb.deleteTable("t");
    }
}
