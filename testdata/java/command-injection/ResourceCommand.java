package fixtures.cmd;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ResourceCommand extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String line;
        try (BufferedReader r = request.getReader()) {
            line = r.readLine();
        }
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(line);

        List<String> args = new ArrayList<>();
        args.add("tar");
        args.add("-czf");
        args.add(0, request.getParameter("nice"));
        // ok: java/command-injection -- after the insert at 0, index 1 is "tar"
        Runtime.getRuntime().exec(args.get(1));
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(args.get(0));

        String mode = request.getParameter("mode");
        String cmd = "status";
        if (mode != null && mode.equals("restart")) {
            cmd = "restart";
        }
        // ok: java/command-injection -- only constants are assigned
        Runtime.getRuntime().exec("service app " + cmd);

        String p = request.getParameter("p");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        String chosen = p.isEmpty() ? "a" : (3 > 2 ? "b" : p);
        // ok: java/command-injection -- nested ternary, the tainted side is dead
        Runtime.getRuntime().exec(chosen);
    }
}
