import java.io.PrintWriter;
import java.util.Locale;

class Formats {
    private static final String ROW = "%s: %d";

    void cases(String name, int n, PrintWriter out, Object[] all) {
        // ruleid: java/format-string-mismatch
        String a = String.format("%s has %d items", name);
        // ruleid: java/format-string-mismatch
        System.out.printf("%s%n", name, n);
        // ruleid: java/format-string-mismatch
        out.format(Locale.ROOT, ROW, name);
        // ruleid: java/format-string-mismatch
        String b = "%s and %s".formatted(name);
        // ok: java/format-string-mismatch -- matches
        String c = String.format("%s has %d items (100%%)%n", name, n);
        // ok: java/format-string-mismatch -- explicit indices reuse the argument
        String d = String.format("%1$s %1$s %<s", name);
        // ok: java/format-string-mismatch -- the varargs array itself
        String e = String.format("%s %s", all);
        // ok: java/format-string-mismatch -- locale then two arguments
        String f = String.format(Locale.ROOT, "%s=%d", name, n);
        // ok: java/format-string-mismatch -- a format that is not constant
        String g = String.format(name, n);
        System.out.println(a + b + c + d + e + f + g);
    }
}
