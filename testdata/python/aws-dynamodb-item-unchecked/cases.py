import boto3

table = boto3.resource("dynamodb").Table("users")
client = boto3.client("dynamodb")


def find(user_id):
    # ruleid: python/aws-dynamodb-item-unchecked
    return table.get_item(Key={"id": user_id})["Item"]


def name_of(user_id):
    response = client.get_item(TableName="users", Key={"id": {"S": user_id}})
    # ruleid: python/aws-dynamodb-item-unchecked
    return response["Item"]["name"]["S"]


def find_checked(user_id):
    response = table.get_item(Key={"id": user_id})
    if "Item" not in response:
        return None
    # ok: python/aws-dynamodb-item-unchecked -- presence checked above
    return response["Item"]


def find_get(user_id):
    # ok: python/aws-dynamodb-item-unchecked -- .get returns None when absent
    return table.get_item(Key={"id": user_id}).get("Item")


def find_or_default(user_id):
    try:
        # ok: python/aws-dynamodb-item-unchecked -- KeyError handled
        return table.get_item(Key={"id": user_id})["Item"]
    except KeyError:
        return {}


def other_item(payload):
    # ok: python/aws-dynamodb-item-unchecked -- not a get_item response
    return payload["Item"]
