package fixtures.redirect;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class AllowListRedirect extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (next.equals("/home") || "/account".equals(next)) {
            // ok: java/open-redirect -- next equals one of two constants here
            response.sendRedirect(next);
        } else {
            // ruleid: java/open-redirect
            response.sendRedirect(next);
        }
        String target = request.getParameter("target");
        String other = request.getParameter("other");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (target.equals(other)) {
            // ruleid: java/open-redirect
            response.sendRedirect(target);
        }
        switch (target) {
            case "/a":
            case "/b":
                // ok: java/open-redirect -- target is one of the case constants
                response.sendRedirect(target);
                break;
            default:
                // ruleid: java/open-redirect
                response.sendRedirect(target);
        }
        if (!"/safe".equals(other)) {
            return;
        }
        // ok: java/open-redirect -- only "/safe" gets here
        response.sendRedirect(other);
    }

    void taintedAllowList(HttpServletRequest request, HttpServletResponse response) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(request.getParameter("a"));
        String next = request.getParameter("next");
        if (seen.contains(next)) {
            // ruleid: java/open-redirect -- the "allow-list" holds untrusted input
            response.sendRedirect(next);
        }
    }
}
