"""Synchronising stock levels with the warehouse system."""

import hashlib
import subprocess

import requests

WAREHOUSE_URL = "https://warehouse.example.com/api/stock"


def archive(filename):
    """Defect: the file name (posted to `/archive` in app.py) reaches a shell."""
    subprocess.run("tar czf /tmp/archive.tgz " + filename, shell=True, check=True)


def archive_safely(filename):
    """Clean: an argument list, no shell."""
    subprocess.run(["tar", "czf", "/tmp/archive.tgz", filename], check=True, timeout=60)


def push(levels):
    """Defect: TLS certificate verification is off."""
    return requests.post(WAREHOUSE_URL, json=levels, verify=False, timeout=10)


def push_verified(levels):
    """Clean: verification on, with a timeout."""
    return requests.post(WAREHOUSE_URL, json=levels, timeout=10)


def etag(payload: bytes) -> str:
    """Defect: MD5 used to sign the payload for the warehouse."""
    return hashlib.md5(payload).hexdigest()


def content_hash(payload: bytes) -> str:
    """Clean: SHA-256."""
    return hashlib.sha256(payload).hexdigest()


def collect(item, seen=[]):
    """Defect: the default list is shared by every call."""
    seen.append(item)
    return seen


def collect_fresh(item, seen=None):
    """Clean: a new list per call."""
    seen = [] if seen is None else seen
    seen.append(item)
    return seen
