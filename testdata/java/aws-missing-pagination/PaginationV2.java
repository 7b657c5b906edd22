import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class PaginationV2 {
    private final S3Client s3 = S3Client.create();
    private final DynamoDbClient ddb = DynamoDbClient.create();

    List<String> firstPageOnly(String bucket) {
        List<String> keys = new ArrayList<>();
        // ruleid: java/aws-missing-pagination
        // ruleid: java/aws-s3-missing-bucket-owner
        ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).build());
        for (S3Object o : page.contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    int countItems(String table) {
        // ruleid: java/aws-missing-pagination
        return ddb.scan(ScanRequest.builder().tableName(table).build()).items().size();
    }

    List<String> paginator(String bucket) {
        List<String> keys = new ArrayList<>();
        // ok: java/aws-missing-pagination -- the paginator follows every page
        // ruleid: java/aws-s3-missing-bucket-owner
        for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    List<Map<String, AttributeValue>> followsTheToken(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder req = ScanRequest.builder().tableName(table);
            if (start != null) {
                req.exclusiveStartKey(start);
            }
            // ok: java/aws-missing-pagination -- the loop passes LastEvaluatedKey back
            ScanResponse res = ddb.scan(req.build());
            items.addAll(res.items());
            start = res.hasLastEvaluatedKey() ? res.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    List<String> newest(String bucket) {
        List<String> keys = new ArrayList<>();
        // ok: java/aws-missing-pagination -- an explicit page size: one bounded page is intended
        // ruleid: java/aws-s3-missing-bucket-owner
        for (S3Object o : s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(10)).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    ListObjectsV2Response page(ListObjectsV2Request req) {
        // ok: java/aws-missing-pagination -- the whole response goes back to the caller, token included
        return s3.listObjectsV2(req);
    }
}
