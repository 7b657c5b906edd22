package com.thoughtworks.xstream;

public class XStream {
    public Object fromXML(String xml) {
        return null;
    }
}
