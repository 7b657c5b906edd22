// A snippet without imports: the client is a field of a class that is not shown.
class Snippet {
    public void writeAll(BatchWriteItemRequest request) {
        // ruleid: java/aws-unchecked-batch-failures
        amazonDynamoDB.batchWriteItem(request);
    }

    public void writeAllChecked(BatchWriteItemRequest request) {
        // ok: java/aws-unchecked-batch-failures -- unprocessed items are retried
        BatchWriteItemResult result = amazonDynamoDB.batchWriteItem(request);
        while (!result.getUnprocessedItems().isEmpty()) {
            result = amazonDynamoDB.batchWriteItem(result.getUnprocessedItems());
        }
    }

    public void saveAll(java.util.List<Object> items) {
        // ruleid: java/aws-unchecked-batch-failures
        dynamoDBMapper.batchSave(items);
    }
}
