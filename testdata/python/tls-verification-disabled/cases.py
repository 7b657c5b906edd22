import ssl

import requests
from requests import Session

VERIFY = False


def fetch(url, ca_bundle):
    # ruleid: python/tls-verification-disabled
    a = requests.get(url, verify=False, timeout=5)
    # ruleid: python/tls-verification-disabled
    b = requests.post(url, data={}, verify=VERIFY, timeout=5)
    # ruleid: python/tls-verification-disabled
    ctx = ssl._create_unverified_context()
    # ok: python/tls-verification-disabled -- verification with a private CA
    c = requests.get(url, verify=ca_bundle, timeout=5)
    # ok: python/tls-verification-disabled -- default verification
    d = requests.get(url, timeout=5)
    return a, b, c, d, ctx


def context():
    ctx = ssl.create_default_context()
    # ruleid: python/tls-verification-disabled
    ctx.check_hostname = False
    # ruleid: python/tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    # ok: python/tls-verification-disabled -- explicit verification
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def other_verify(form):
    # ok: python/tls-verification-disabled -- not an HTTP client
    return form.validate(verify=False)
