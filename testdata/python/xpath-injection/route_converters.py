"""Flask route parameters converted to numbers by the route rule."""
from flask import Flask, abort, jsonify
from lxml import etree

app = Flask(__name__)
ORDERS = etree.parse("/srv/data/orders.xml")


@app.route("/orders/<int:order_id>/lines")
def order_lines(order_id):
    # ok: python/xpath-injection -- the `int` converter admits only numbers
    lines = ORDERS.xpath(f"/orders/order[@id={order_id}]/line")
    if not lines:
        abort(404)
    return jsonify([line.get("sku") for line in lines])


@app.route("/orders/<order_ref>/lines")
def order_lines_by_ref(order_ref):
    # ruleid: python/xpath-injection
    lines = ORDERS.xpath(f"/orders/order[@ref='{order_ref}']/line")
    return jsonify([line.get("sku") for line in lines])
