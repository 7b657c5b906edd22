package fixtures.log;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LogSanitized extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(LogSanitized.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        // ok: java/log-injection -- line breaks removed
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        LOG.info("login failed for " + user.replaceAll("[\r\n]", "_"));
        // ok: java/log-injection -- line breaks removed (regex escapes)
        LOG.info("login failed for " + user.replaceAll("[\\r\\n]", ""));
        // ruleid: java/log-injection
        LOG.info("login failed for " + user.replace("<", ""));
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        String agent = request.getHeader("User-Agent").replace('\n', ' ');
        // ruleid: java/log-injection -- replacing LF alone leaves CR
        LOG.warn("agent " + agent);
    }
}
