package fixtures.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.text.MessageFormat;
import java.util.Formatter;
import java.util.Locale;
import javax.servlet.http.HttpServletRequest;

public class FormatStrings {
    private static final String GREETING = "Hello %s";

    String format(HttpServletRequest request) {
        String name = request.getParameter("name");
        // ruleid: java/tainted-format-string
        return String.format("Hello " + name);
    }

    String formatDirect(HttpServletRequest request) {
        // ruleid: java/tainted-format-string
        return String.format(request.getParameter("fmt"), 1, 2);
    }

    void printf(HttpServletRequest request, PrintWriter out) {
        // ruleid: java/tainted-format-string
        out.printf(request.getHeader("X-Format"));
    }

    void printStream(HttpServletRequest request, PrintStream ps) {
        String f = request.getParameter("f");
        // ruleid: java/tainted-format-string
        ps.format(f, "x");
    }

    void systemOut(HttpServletRequest request) {
        // ruleid: java/tainted-format-string
        System.out.printf(request.getParameter("f"));
    }

    String formatter(HttpServletRequest request) {
        Formatter fm = new Formatter();
        // ruleid: java/tainted-format-string
        fm.format(request.getParameter("f"));
        return fm.toString();
    }

    String formatted(HttpServletRequest request) {
        String f = request.getParameter("f");
        // ruleid: java/tainted-format-string
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        return f.formatted("a");
    }

    String messageFormat(HttpServletRequest request) {
        // ruleid: java/tainted-format-string
        MessageFormat form = new MessageFormat(request.getParameter("pattern"));
        return form.format(new Object[] {"x"});
    }

    String messageFormatValues(HttpServletRequest request) {
        MessageFormat form = new MessageFormat("Hello {0}");
        // ok: java/tainted-format-string -- the input is a value, the pattern is constant
        return form.format(new Object[] {request.getParameter("n")});
    }

    String fromSocket(Socket s) throws IOException {
        String line = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        // ruleid: java/tainted-format-string
        return String.format(line);
    }

    // ----- negatives -----

    String asArgument(HttpServletRequest request) {
        // ok: java/tainted-format-string -- the input is an argument, the format is constant
        return String.format("Hello %s", request.getParameter("name"));
    }

    String constantField(HttpServletRequest request) {
        // ok: java/tainted-format-string -- a constant format
        return String.format(GREETING, request.getParameter("name"));
    }

    void printfArgument(HttpServletRequest request, PrintWriter out) {
        // ok: java/tainted-format-string -- the input is an argument
        out.printf("%s%n", request.getHeader("X-Name"));
    }

    String localeFirst(HttpServletRequest request) {
        // ok: java/tainted-format-string -- constant format after the locale
        return String.format(Locale.ROOT, "%s", request.getParameter("n"));
    }

    String numeric(HttpServletRequest request) {
        int width = Integer.parseInt(request.getParameter("w"));
        // ok: java/tainted-format-string -- only a number reaches the format
        return String.format("%" + width + "d", 42);
    }

    String allowListed(HttpServletRequest request) {
        String f = request.getParameter("f");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (!f.equals("%d") && !f.equals("%x")) {
            return "";
        }
        // ok: java/tainted-format-string -- one of two constants here
        return String.format(f, 42);
    }

    String overwritten(HttpServletRequest request) {
        String f = request.getParameter("f");
        f = "%s";
        // ok: java/tainted-format-string -- overwritten with a constant
        return String.format(f, "a");
    }

    String formattedArgument(HttpServletRequest request) {
        // ok: java/tainted-format-string -- the receiver (the format) is a constant
        return "Hello %s".formatted(request.getParameter("n"));
    }

    String messageArgument(HttpServletRequest request) {
        // ok: java/tainted-format-string -- constant pattern
        return MessageFormat.format("Hello {0}", request.getParameter("n"));
    }

    void printlnOnly(HttpServletRequest request) {
        // ok: java/tainted-format-string -- println does not interpret a format
        System.out.println(request.getParameter("n"));
    }
}
