# Not a boto3 file: a name that merely looks like a DynamoDB table (`pattern.overlap_table`) must not turn
# every keyword-only `send_message`/`put_item` of the project's own objects into an AWS operation.
import mailer


def plan(pattern):
    builder = pattern.overlap_table
    return builder(pattern)


def notify(outbox, recipients):
    for r in recipients:
        # ok: python/aws-batch-operation-in-loop
        outbox.send_message(QueueUrl=r.address, MessageBody="hello")


def save(store, rows):
    for row in rows:
        # ok: python/aws-batch-operation-in-loop
        store.put_item(Item=row)
