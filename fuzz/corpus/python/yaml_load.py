import yaml
from yaml import load, SafeLoader
from yaml import Loader as Unsafe


def read(stream, text):
    # ruleid: python/unsafe-yaml-load
    a = yaml.load(stream)
    # ruleid: python/unsafe-yaml-load
    b = yaml.load(stream, Loader=yaml.Loader)
    # ruleid: python/unsafe-yaml-load
    c = load(text, Unsafe)
    # ruleid: python/unsafe-yaml-load
    d = yaml.unsafe_load(text)
    # ok: python/unsafe-yaml-load -- safe loader
    e = yaml.load(stream, Loader=yaml.SafeLoader)
    # ok: python/unsafe-yaml-load -- safe loader imported by name
    f = load(text, Loader=SafeLoader)
    # ok: python/unsafe-yaml-load -- safe_load
    g = yaml.safe_load(text)
    return a, b, c, d, e, f, g


def other(json, text):
    # ok: python/unsafe-yaml-load -- a parameter that shadows the module name
    return json.load(text)


def shadow(yaml, text):
    # ok: python/unsafe-yaml-load -- `yaml` is a parameter here, not the module
    return yaml.load(text)
