"""Background worker that mirrors objects between S3 buckets and records progress in DynamoDB."""

import concurrent.futures
import logging
import os
import queue
import threading
import time

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("sync")

SOURCE_BUCKET = os.environ.get("SOURCE_BUCKET", "source-bucket")
TARGET_BUCKET = os.environ.get("TARGET_BUCKET", "target-bucket")
TABLE = os.environ.get("PROGRESS_TABLE", "sync-progress")
MAX_WORKERS = int(os.environ.get("SYNC_WORKERS", "8"))

s3 = boto3.client("s3")
dynamodb = boto3.resource("dynamodb")
progress = dynamodb.Table(TABLE)


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.copied = 0
        self.skipped = 0
        self.failed = 0

    def bump(self, field):
        with self._lock:
            setattr(self, field, getattr(self, field) + 1)

    def as_dict(self):
        with self._lock:
            return {"copied": self.copied, "skipped": self.skipped, "failed": self.failed}


def list_keys(bucket, prefix=""):
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            yield obj["Key"], obj["ETag"], obj["Size"]


def already_copied(key, etag):
    try:
        item = progress.get_item(Key={"key": key}).get("Item")
    except ClientError as err:
        if err.response["Error"]["Code"] == "ResourceNotFoundException":
            return False
        raise
    return item is not None and item.get("etag") == etag


def copy_one(key, etag, stats):
    if already_copied(key, etag):
        stats.bump("skipped")
        return
    for attempt in range(3):
        try:
            s3.copy_object(
                Bucket=TARGET_BUCKET,
                Key=key,
                CopySource={"Bucket": SOURCE_BUCKET, "Key": key},
                MetadataDirective="COPY",
            )
            progress.put_item(Item={"key": key, "etag": etag, "copied_at": int(time.time())})
            stats.bump("copied")
            return
        except ClientError as err:
            code = err.response["Error"]["Code"]
            if code in ("SlowDown", "ThrottlingException"):
                time.sleep(2**attempt)
                continue
            log.error("copy of %s failed: %s", key, code)
            break
    stats.bump("failed")


def run(prefix="", workers=MAX_WORKERS):
    stats = Stats()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(copy_one, key, etag, stats) for key, etag, _ in list_keys(SOURCE_BUCKET, prefix)]
        for f in concurrent.futures.as_completed(futures):
            try:
                f.result()
            except Exception:
                pass
    log.info("sync finished: %s", stats.as_dict())
    return stats.as_dict()


def drain(q: queue.Queue, stop: threading.Event, batch=[]):
    while not stop.is_set():
        try:
            batch.append(q.get(timeout=1))
        except queue.Empty:
            continue
        if len(batch) >= 25:
            with progress.batch_writer() as writer:
                for item in batch:
                    writer.put_item(Item=item)
            batch.clear()


def handler(event, context):
    prefix = event.get("prefix", "")
    return run(prefix)
