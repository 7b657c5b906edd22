import xml.etree.ElementTree as ET

from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/lxml")
def by_lxml():
    name = request.args["name"]
    tree = etree.parse("users.xml")
    # ruleid: python/xpath-injection
    r1 = tree.xpath("//user[@name='" + name + "']")
    # ok: python/xpath-injection -- an XPath variable
    r2 = tree.xpath("//user[@name=$n]", n=name)
    # ruleid: python/xpath-injection
    find = etree.XPath("//user[@id='%s']" % name)
    return str(len(r1) + len(r2)) + str(find)


@app.route("/et")
def by_etree():
    tag = request.args["tag"]
    root = ET.parse("users.xml").getroot()
    # ruleid: python/xpath-injection
    found = root.findall(".//" + tag)
    # ok: python/xpath-injection -- constant path
    fixed = root.findall(".//user")
    if tag in ("user", "group"):
        # ok: python/xpath-injection -- allow-listed tag
        fixed = root.findall(".//" + tag)
    return str(len(found) + len(fixed))


def handler(event, context):
    doc = etree.fromstring(b"<a/>")
    # ruleid: python/xpath-injection
    return doc.xpath("//item[@k='" + event["k"] + "']")
