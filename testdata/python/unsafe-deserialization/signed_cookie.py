# Data authenticated with a server key before it is unpickled.
import base64
import hashlib
import hmac
import os
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)
SIGNING_KEY = os.environ["CART_SIGNING_KEY"].encode()


def read_cart(cookie_value):
    raw = base64.urlsafe_b64decode(cookie_value.encode())
    signature, blob = raw[:32], raw[32:]
    expected = hmac.new(SIGNING_KEY, blob, hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        return []
    # ok: python/unsafe-deserialization -- the blob carries a valid signature of the server's key
    return pickle.loads(blob)


def read_prefs(cookie_value):
    raw = base64.urlsafe_b64decode(cookie_value.encode())
    signature, blob = raw[:64], raw[64:]
    if not hmac.compare_digest(hmac.new(SIGNING_KEY, blob, hashlib.sha256).hexdigest().encode(), signature):
        return {}
    # ok: python/unsafe-deserialization -- verified, the arguments in the other order
    return pickle.loads(blob)


def read_wishlist(cookie_value):
    raw = base64.urlsafe_b64decode(cookie_value.encode())
    signature, blob = raw[:32], raw[32:]
    expected = hmac.new(SIGNING_KEY, b"wishlist", hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        return []
    # ruleid: python/unsafe-deserialization
    return pickle.loads(blob)


@app.route("/cart")
def show_cart():
    cookie = request.cookies.get("cart", "")
    return jsonify({"items": read_cart(cookie) + read_wishlist(cookie), "prefs": read_prefs(cookie)})
