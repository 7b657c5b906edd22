package fixtures.redirect;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletRedirect extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of("/home", "/account");
    private Map<String, String> targets;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        // ruleid: java/open-redirect
        response.sendRedirect(next);
        // ok: java/open-redirect -- allow-listed or a constant fallback
        response.sendRedirect(ALLOWED.contains(next) ? next : "/");
        // ruleid: java/open-redirect
        response.sendRedirect("https://" + request.getHeader("Host") + "/login");
        // ok: java/open-redirect -- constant
        response.sendRedirect("/login");
        // ok: java/open-redirect -- the map lookup only returns our own targets... unknown content, untainted
        response.sendRedirect(targets.get("home"));
    }
}
