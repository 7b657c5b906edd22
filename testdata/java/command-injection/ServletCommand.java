package fixtures.cmd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletCommand extends HttpServlet {
    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        // ruleid: java/command-injection
        Runtime.getRuntime().exec("ping -c1 " + host);

        Runtime rt = Runtime.getRuntime();
        String[] argv = {"sh", "-c", "nslookup " + request.getHeader("X-Host")};
        // ruleid: java/command-injection
        rt.exec(argv);

        // ok: java/command-injection -- constant command
        rt.exec("uptime");

        String[] fixed = {"ls", "-l", "/tmp"};
        fixed[2] = "/var";
        // ok: java/command-injection -- every element is constant
        rt.exec(fixed);

        List<String> cmd = new ArrayList<>();
        cmd.add("convert");
        cmd.add(request.getParameter("file"));
        // ruleid: java/command-injection
        new ProcessBuilder(cmd).start();

        if (HOST.matcher(host).matches()) {
            // ok: java/command-injection -- validated by a full-match regex
            new ProcessBuilder("ping", "-c1", host).start();
        }

        String h2 = request.getParameter("h2");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (!h2.matches("[a-z]+")) {
            return;
        }
        // ok: java/command-injection -- the regex check dominates the sink
        rt.exec("ping " + h2);
    }

    void overwrite(HttpServletRequest request) throws IOException {
        String c = request.getParameter("c");
        c = "date";
        // ok: java/command-injection -- overwritten
        Runtime.getRuntime().exec(c);
    }

    void loop(HttpServletRequest request) throws IOException {
        String acc = "echo";
        for (int i = 0; i < 3; i++) {
            acc = acc + " " + request.getParameter("a" + i);
        }
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(acc);
    }

    void tryCatch(HttpServletRequest request) throws IOException {
        String c = "true";
        try {
            c = request.getParameter("c");
            Integer.parseInt(c);
        } catch (NumberFormatException e) {
            c = "false";
        }
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(c);
    }

    void ternarySafe(HttpServletRequest request) throws IOException {
        String p = request.getParameter("p");
        String c = (7 * 3 > 100) ? p : "whoami";
        // ok: java/command-injection -- the tainted side of the ternary is dead
        Runtime.getRuntime().exec(c);
    }

    void switchArrow(HttpServletRequest request) throws IOException {
        String p = request.getParameter("p");
        int mode = 2;
        String c = switch (mode) {
            case 1 -> p;
            case 2 -> "id";
            default -> p;
        };
        // ok: java/command-injection -- switch on a constant selects "id"
        Runtime.getRuntime().exec(c);
    }

    void otherRuntime(HttpServletRequest request) {
        FakeRuntime rt = new FakeRuntime();
        // ok: java/command-injection -- not java.lang.Runtime
        rt.exec(request.getParameter("x"));
    }

    static class FakeRuntime {
        void exec(String s) {
        }
    }
}
