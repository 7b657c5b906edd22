package fixtures.nulls;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class RequestNulls extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java/null-dereference-of-source
        String a = request.getParameter("a").trim();

        String b = request.getParameter("b");
        // ruleid: java/null-dereference-of-source -- first use of b is a dereference
        if (b.isEmpty()) {
            return;
        }

        String c = request.getParameter("c");
        // ok: java/null-dereference-of-source -- checked first
        if (c != null && c.length() > 3) {
            response.getWriter().print(c.length());
        }

        String d = request.getParameter("d");
        if (d == null) {
            d = "none";
        }
        // ok: java/null-dereference-of-source -- replaced by a default when absent
        response.setContentLength(d.length());

        // ok: java/null-dereference-of-source -- requireNonNull throws a clear exception itself
        String e = Objects.requireNonNull(request.getParameter("e"), "e").trim();

        // ok: java/null-dereference-of-source -- Optional handles absence
        String f = Optional.ofNullable(request.getParameter("f")).map(String::trim).orElse("");

        String g = request.getParameter("g");
        // ok: java/null-dereference-of-source -- the constant's equals accepts null
        if ("yes".equals(g)) {
            response.getWriter().print(g.length());
        }

        // ruleid: java/null-dereference-of-source -- a missing header
        String agent = request.getHeader("User-Agent").toLowerCase();

        // ruleid: java/null-dereference-of-source -- a request without cookies gives null
        for (Cookie k : request.getCookies()) {
            response.setStatus(k.getMaxAge() > 0 ? 200 : 204);
        }

        String[] ids = request.getParameterValues("id");
        // ruleid: java/null-dereference-of-source -- null when no `id` parameter is sent
        int n = ids.length;

        // ruleid: java/null-dereference-of-source -- no session yet gives null
        request.getSession(false).invalidate();

        // ok: java/null-dereference-of-source -- getSession() creates one when needed
        HttpSession s = request.getSession();
        s.invalidate();

        String q = request.getQueryString();
        // ruleid: java/null-dereference-of-source -- a request without a query string
        switch (q) {
            case "debug":
                response.setStatus(204);
                break;
            default:
                break;
        }

        String h = request.getHeader("X-Trace");
        // ok: java/null-dereference-of-source -- concatenation turns null into "null"
        response.setContentLength(("trace=" + h).length());

        String p = request.getParameter("p");
        // ok: java/null-dereference-of-source -- passed to a helper first, which checks it
        if (isBlank(p)) {
            return;
        }
        response.setContentLength(p.trim().length());

        String r = request.getParameter("r");
        r = r == null ? "" : r;
        // ok: java/null-dereference-of-source -- reassigned with a default
        response.setContentLength(r.trim().length());

        // ok: java/null-dereference-of-source -- not a request: a local helper's own method
        String own = getParameter("x").trim();
    }

    private static boolean isBlank(String s) {
        return s == null || s.trim().isEmpty();
    }

    private String getParameter(String name) {
        return "value of " + name;
    }
}
