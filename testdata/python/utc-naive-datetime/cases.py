import datetime as dt
from datetime import datetime, timezone


def stamp():
    # ruleid: python/utc-naive-datetime
    return datetime.utcnow().isoformat()


def module_style():
    # ruleid: python/utc-naive-datetime
    return dt.datetime.utcnow()


def from_ts(ts):
    # ruleid: python/utc-naive-datetime
    return datetime.utcfromtimestamp(ts)


def aware():
    # ok: python/utc-naive-datetime -- aware UTC datetime
    return datetime.now(timezone.utc)


def aware_from_ts(ts):
    # ok: python/utc-naive-datetime -- aware conversion
    return datetime.fromtimestamp(ts, tz=timezone.utc)


class Clock:
    def utcnow(self):
        return datetime.now(timezone.utc)


def own_clock(clock: Clock):
    # ok: python/utc-naive-datetime -- a project method named utcnow
    return clock.utcnow()
