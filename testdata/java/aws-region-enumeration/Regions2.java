import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class Regions2 {
    DynamoDbClient literal() {
        // ruleid: java/aws-region-enumeration
        return DynamoDbClient.builder().region(Region.of("ap-southeast-2")).build();
    }

    DynamoDbClient enumerated() {
        // ok: java/aws-region-enumeration -- the SDK's enumeration
        return DynamoDbClient.builder().region(Region.AP_SOUTHEAST_2).build();
    }

    DynamoDbClient configured(String name) {
        // ok: java/aws-region-enumeration -- a Region named by configuration
        return DynamoDbClient.builder().region(Region.of(name)).build();
    }
}

class Shop {
    private final Geo geo = new Geo();

    Object local() {
        // ok: java/aws-region-enumeration -- a project's own `withRegion`, not an SDK builder
        return geo.withRegion("us-west-2");
    }
}

class Geo {
    Object withRegion(String r) {
        return r;
    }
}
