import ssl
from ssl import PROTOCOL_TLSv1_1


def contexts():
    # ruleid: python/insecure-ssl-protocol
    a = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    # ruleid: python/insecure-ssl-protocol
    b = ssl.SSLContext(PROTOCOL_TLSv1_1)
    c = ssl.create_default_context()
    # ruleid: python/insecure-ssl-protocol
    c.minimum_version = ssl.TLSVersion.TLSv1
    # ok: python/insecure-ssl-protocol -- TLS 1.2
    c.maximum_version = ssl.TLSVersion.TLSv1_2
    # ok: python/insecure-ssl-protocol -- modern client protocol
    d = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return a, b, c, d


# ok: python/insecure-ssl-protocol -- a mapping table, nothing is selected here
NAMES = {ssl.PROTOCOL_TLSv1: "TLSv1"}
# ok: python/insecure-ssl-protocol -- filling a mapping table
NAMES[ssl.PROTOCOL_TLSv1_1] = "TLSv1.1"


def is_legacy(ctx):
    # ok: python/insecure-ssl-protocol -- a version check
    return ctx.protocol == ssl.PROTOCOL_TLSv1
