import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

class Items {
    private final DynamoDbClient ddb = DynamoDbClient.create();

    String v2Unchecked(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        // ruleid: java/aws-dynamodb-item-null-check
        return ddb.getItem(GetItemRequest.builder().tableName(table).key(key).build()).item().get("name").s();
    }

    String v2Checked(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        // ok: java/aws-dynamodb-item-null-check -- hasItem() is checked
        GetItemResponse res = ddb.getItem(GetItemRequest.builder().tableName(table).key(key).build());
        return res.hasItem() ? res.item().get("name").s() : null;
    }

    String v1Unchecked(AmazonDynamoDB v1, String table, Map<String, AttributeValue> key) {
        // ruleid: java/aws-dynamodb-item-null-check
        Map<String, AttributeValue> item = v1.getItem(table, key).getItem();
        return item.get("name").getS();
    }

    String v1Checked(AmazonDynamoDB v1, String table, Map<String, AttributeValue> key) {
        // ok: java/aws-dynamodb-item-null-check -- null check
        Map<String, AttributeValue> item = v1.getItem(table, key).getItem();
        if (item == null) {
            return null;
        }
        return item.get("name").getS();
    }

    static class Order {
        String getId() {
            return "";
        }
    }

    String mapperUnchecked(DynamoDBMapper mapper, String id) {
        // ruleid: java/aws-dynamodb-item-null-check
        return mapper.load(Order.class, id).getId();
    }

    String mapperChecked(DynamoDBMapper mapper, String id) {
        // ok: java/aws-dynamodb-item-null-check -- null check
        Order o = mapper.load(Order.class, id);
        return o == null ? null : o.getId();
    }
}
