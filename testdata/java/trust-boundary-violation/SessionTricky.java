package fixtures.session;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class SessionTricky extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        String[] values = request.getParameterValues("pref");
        String pref = "default";
        if (values != null && values.length > 0) {
            pref = values[0];
        }
        // ruleid: java/trust-boundary-violation
        session.setAttribute("pref", pref);

        Map<String, Object> attrs = new HashMap<>();
        attrs.put("theme", request.getParameter("theme"));
        attrs.put("visits", "1");
        // ok: java/trust-boundary-violation -- the "visits" entry is a constant
        session.setAttribute("visits", attrs.get("visits"));
        // ruleid: java/trust-boundary-violation
        session.setAttribute("theme", attrs.get("theme"));

        String mode = request.getParameter("mode");
        if (!"dark".equals(mode) && !"light".equals(mode)) {
            mode = "light";
        }
        // ok: java/trust-boundary-violation -- mode is "dark" or "light" here
        session.setAttribute("mode", mode);

        boolean admin = Boolean.parseBoolean(request.getParameter("admin"));
        // ok: java/trust-boundary-violation -- a boolean
        session.setAttribute("admin", admin);
    }
}
