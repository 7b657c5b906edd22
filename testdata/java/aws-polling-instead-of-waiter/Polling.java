import com.amazonaws.services.ec2.AmazonEC2;
import com.amazonaws.services.ec2.model.DescribeInstancesRequest;
import com.amazonaws.services.ec2.model.DescribeInstancesResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class Polling {
    private final DynamoDbClient ddb = DynamoDbClient.create();

    void waitForTable(String name) throws InterruptedException {
        while (true) {
            // ruleid: java/aws-polling-instead-of-waiter
            DescribeTableResponse t = ddb.describeTable(r -> r.tableName(name));
            if (t.table().tableStatus() == TableStatus.ACTIVE) {
                break;
            }
            Thread.sleep(5000);
        }
    }

    void waitForInstance(AmazonEC2 ec2, String id) throws InterruptedException {
        String state = "";
        do {
            Thread.sleep(2000);
            // ruleid: java/aws-polling-instead-of-waiter
            DescribeInstancesResult res = ec2.describeInstances(new DescribeInstancesRequest().withInstanceIds(id));
            state = res.getReservations().get(0).getInstances().get(0).getState().getName();
        } while (!"running".equals(state));
    }

    void waiter(String name) {
        // ok: java/aws-polling-instead-of-waiter -- the SDK waiter
        ddb.waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    void noSleep(String name) {
        for (int i = 0; i < 3; i++) {
            // ok: java/aws-polling-instead-of-waiter -- no sleep: not polling
            System.out.println(ddb.describeTable(r -> r.tableName(name + i)).table().itemCount());
        }
    }

    void sleepsButNoWaiter() throws InterruptedException {
        while (true) {
            // ok: java/aws-polling-instead-of-waiter -- listTables has no waiter
            ddb.listTables(r -> r.limit(1));
            Thread.sleep(1000);
        }
    }
}
