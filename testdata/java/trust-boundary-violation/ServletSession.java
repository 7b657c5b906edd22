package fixtures.session;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class ServletSession extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java/trust-boundary-violation
        request.getSession().setAttribute("role", request.getParameter("role"));
        HttpSession session = request.getSession();
        String name = request.getParameter("name");
        // ruleid: java/trust-boundary-violation
        session.putValue("user", name);
        // ok: java/trust-boundary-violation -- constant value
        session.setAttribute("visited", "yes");
        String role = "guest";
        if ("admin".equals("user")) {
            role = request.getParameter("role");
        }
        // ok: java/trust-boundary-violation -- the tainted assignment is dead
        session.setAttribute("role", role);
        long id = Long.parseLong(request.getParameter("id"));
        // ok: java/trust-boundary-violation -- a number
        session.setAttribute("id", id);
    }
}
