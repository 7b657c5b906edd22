import boto3

cloudwatch = boto3.client("cloudwatch")


def handler(event, context):
    # ruleid: python/aws-lambda-sync-metrics
    cloudwatch.put_metric_data(Namespace="orders", MetricData=[{"MetricName": "placed", "Value": 1}])
    return {"ok": True}


def lambda_handler(event, context):
    cw = boto3.client("cloudwatch")  # ruleid: python/aws-lambda-client-reuse
    # ruleid: python/aws-lambda-sync-metrics
    cw.put_metric_data(Namespace="jobs", MetricData=[{"MetricName": "done", "Value": 1}])


def nightly_report(values):
    # ok: python/aws-lambda-sync-metrics -- not in a Lambda handler (a batch job)
    cloudwatch.put_metric_data(Namespace="report", MetricData=values)


def emf_handler(event, context):
    # ok: python/aws-lambda-sync-metrics -- embedded metric format, no API call
    print('{"_aws": {"CloudWatchMetrics": []}, "placed": 1}')
