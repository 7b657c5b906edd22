import json
import os
from typing import Dict

DEFAULTS = {"mode": "fast", "tags": ["a"]}


def home_parts():
    # ruleid: python/dict-get-none-dereference
    return os.environ.get("HOME").split("/")


def first_tag(doc_text):
    doc = json.loads(doc_text)
    tags = doc.get("tags")
    # ruleid: python/dict-get-none-dereference
    return tags[0]


def mode_upper():
    mode = DEFAULTS.get("mode")
    # ruleid: python/dict-get-none-dereference
    return mode.upper()


def count(options: Dict[str, list]):
    items = options.get("items")
    # ruleid: python/dict-get-none-dereference
    return len(items)


def with_default():
    # ok: python/dict-get-none-dereference -- a default is given
    return os.environ.get("HOME", "").split("/")


def checked(doc_text):
    doc = json.loads(doc_text)
    tags = doc.get("tags")
    if tags is None:
        return None
    # ok: python/dict-get-none-dereference -- checked for None first
    return tags[0]


def truthy():
    mode = DEFAULTS.get("mode")
    if not mode:
        return ""
    # ok: python/dict-get-none-dereference -- checked first
    return mode.upper()


def fallback():
    mode = DEFAULTS.get("mode") or "slow"
    # ok: python/dict-get-none-dereference -- `or` supplies a default
    return mode.upper()


def not_a_dict(session, url):
    # ok: python/dict-get-none-dereference -- an HTTP session's get, not dict.get
    return session.get(url).json()


def annotated_other(options: list):
    # ok: python/dict-get-none-dereference -- not annotated as a mapping
    return options.get("x").y


def conditional_value(nodes: dict, key):
    node = nodes.get(key)
    # ok: python/dict-get-none-dereference -- the condition, written after it, is evaluated first
    return node.value if node else None


def conditional_other(nodes: dict, key, flag):
    node = nodes.get(key)
    # ruleid: python/dict-get-none-dereference
    return node.value if flag else None
