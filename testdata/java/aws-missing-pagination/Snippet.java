// A snippet without imports: the client is a field of a class that is not shown.
class Snippet {
    public void listAllTables() {
        // ruleid: java/aws-missing-pagination
        ListTablesResult result = dynamoDBClient.listTables();
        for (String name : result.getTableNames()) {
            System.out.println(name);
        }
    }

    public void listFromGetter(String bucket) {
        // ruleid: java/aws-missing-pagination
        // ruleid: java/aws-s3-missing-bucket-owner
        for (S3ObjectSummary s : getS3().listObjects(bucket).getObjectSummaries()) {
            System.out.println(s.getKey());
        }
    }

    private AmazonS3 getS3() {
        return AmazonS3ClientBuilder.defaultClient();
    }

    public void notAClient(java.util.List<String> names) {
        // ok: java/aws-missing-pagination -- `tables` is not named like a client
        tables.listTables();
    }
}
