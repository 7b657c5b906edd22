package org.owasp.esapi;

public interface Encoder {
    String encodeForHTML(String input);

    String encodeForLDAP(String input);

    String encodeForXPath(String input);

    String encodeForSQL(Object codec, String input);

    String encodeForOS(Object codec, String input);
}
