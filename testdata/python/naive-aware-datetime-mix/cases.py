from datetime import datetime, timedelta, timezone


def expired(deadline_ts):
    deadline = datetime.fromtimestamp(deadline_ts, tz=timezone.utc)
    # ruleid: python/naive-aware-datetime-mix
    return datetime.now() > deadline


def age(created: datetime):
    created_utc = created.astimezone(timezone.utc)
    now = datetime.today()
    # ruleid: python/naive-aware-datetime-mix
    return now - created_utc


def fixed():
    start = datetime(2024, 1, 1)
    # ruleid: python/naive-aware-datetime-mix
    return datetime.now(timezone.utc) < start


def both_aware(deadline_ts):
    deadline = datetime.fromtimestamp(deadline_ts, tz=timezone.utc)
    # ok: python/naive-aware-datetime-mix -- both aware
    return datetime.now(timezone.utc) > deadline


def both_naive():
    start = datetime(2024, 1, 1)
    # ok: python/naive-aware-datetime-mix -- both naive
    return datetime.now() - start


def with_delta():
    # ok: python/naive-aware-datetime-mix -- a timedelta, not a datetime
    return datetime.now(timezone.utc) - timedelta(days=1)


def unknown(other):
    # ok: python/naive-aware-datetime-mix -- awareness of a parameter is unknown
    return datetime.now() < other


def made_naive(ts):
    stamp = datetime.fromtimestamp(ts, timezone.utc).replace(tzinfo=None)
    # ok: python/naive-aware-datetime-mix -- tzinfo removed on purpose, both naive
    return datetime.now() - stamp
