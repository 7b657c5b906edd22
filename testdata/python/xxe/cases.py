import xml.sax
from xml.sax.handler import feature_external_ges, feature_external_pes

from lxml import etree


def sax_parse(stream, handler):
    parser = xml.sax.make_parser()
    # ruleid: python/xxe
    parser.setFeature(feature_external_ges, True)
    # ruleid: python/xxe
    parser.setFeature(xml.sax.handler.feature_external_pes, 1)
    # ok: python/xxe -- turned off
    parser.setFeature(feature_external_pes, False)
    # ok: python/xxe -- another feature
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setContentHandler(handler)
    parser.parse(stream)


def lxml_parse(data):
    # ruleid: python/xxe
    unsafe = etree.XMLParser(resolve_entities=True)
    # ruleid: python/xxe
    net = etree.XMLParser(no_network=False)
    # ok: python/xxe -- entities off
    safe = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, unsafe), net, safe
