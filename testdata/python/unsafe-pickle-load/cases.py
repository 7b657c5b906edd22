import json
import pickle
import pickle as pk
from marshal import loads as mloads


def restore(blob, path):
    # ruleid: python/unsafe-pickle-load
    obj = pickle.loads(blob)
    with open(path, "rb") as f:
        # ruleid: python/unsafe-pickle-load
        other = pk.load(f)
    # ruleid: python/unsafe-pickle-load
    code = mloads(blob)
    # ok: python/unsafe-pickle-load -- serializing is fine
    out = pickle.dumps(obj)
    # ok: python/unsafe-pickle-load -- data-only format
    data = json.loads(blob)
    return obj, other, code, out, data
