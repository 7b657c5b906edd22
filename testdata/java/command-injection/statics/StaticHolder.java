package fixtures.statics;

import java.io.IOException;

// Shared static state: other classes store into these fields and read from them.
public class StaticHolder {
    public static String value;
    public static String constant = "date";
    public static String number;
    public static String[] parts;

    // The class's own method reads the field another class stored untrusted input into.
    static void runOwn() throws IOException {
        // ruleid: java/command-injection -- `value` is assigned a request parameter in StaticStore
        Runtime.getRuntime().exec(value);
    }

    static void runConstant() throws IOException {
        // ok: java/command-injection -- only ever assigned constants
        Runtime.getRuntime().exec(constant);
    }
}
