import boto3

sns = boto3.client("sns")


def confirm(topic_arn, token):
    # ruleid: python/aws-sns-unauthenticated-unsubscribe
    sns.confirm_subscription(TopicArn=topic_arn, Token=token)


def confirm_off(topic_arn, token):
    # ruleid: python/aws-sns-unauthenticated-unsubscribe
    sns.confirm_subscription(TopicArn=topic_arn, Token=token, AuthenticateOnUnsubscribe="false")


def confirm_resource(topic_arn, token):
    topic = boto3.resource("sns").Topic(topic_arn)
    # ruleid: python/aws-sns-unauthenticated-unsubscribe
    return topic.confirm_subscription(Token=token)


def confirm_safe(topic_arn, token):
    # ok: python/aws-sns-unauthenticated-unsubscribe -- unsubscribe requires authentication
    sns.confirm_subscription(TopicArn=topic_arn, Token=token, AuthenticateOnUnsubscribe="true")


def confirm_resource_safe(topic_arn, token):
    topic = boto3.resource("sns").Topic(topic_arn)
    # ok: python/aws-sns-unauthenticated-unsubscribe -- unsubscribe requires authentication
    return topic.confirm_subscription(Token=token, AuthenticateOnUnsubscribe="True")
