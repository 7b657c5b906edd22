package org.owasp.encoder;

public final class Encode {
    public static String forHtml(String input) {
        return input;
    }

    public static String forJava(String input) {
        return input;
    }

    public static String forUriComponent(String input) {
        return input;
    }
}
