import requests
from requests import post


def calls(url, payload, **kwargs):
    # ruleid: python/network-call-without-timeout
    a = requests.get(url)
    # ruleid: python/network-call-without-timeout
    b = post(url, json=payload)
    # ruleid: python/network-call-without-timeout
    c = requests.get(url, timeout=None)
    # ok: python/network-call-without-timeout -- timeout given
    d = requests.get(url, timeout=(3.05, 30))
    # ok: python/network-call-without-timeout -- the timeout may be in kwargs
    e = requests.get(url, **kwargs)
    return a, b, c, d, e


def not_requests(cache, url):
    # ok: python/network-call-without-timeout -- a dict's get
    return cache.get(url)
