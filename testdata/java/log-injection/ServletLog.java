package fixtures.log;

import java.io.IOException;
import java.util.logging.Logger;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.slf4j.LoggerFactory;

public class ServletLog extends HttpServlet {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ServletLog.class);
    private static final Logger JUL = Logger.getLogger("servlet");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        // ruleid: java/log-injection
        LOG.info("login failed for " + user);
        // ok: java/log-injection -- encoded for Java string context (CR/LF escaped)
        LOG.info("login failed for " + Encode.forJava(user));
        // ruleid: java/log-injection
        JUL.warning("bad header " + request.getHeader("X-Trace"));
        // ok: java/log-injection -- constant message
        JUL.info("request served");
        int attempts = Integer.parseInt(request.getParameter("attempts"));
        // ok: java/log-injection -- a number
        LOG.warn("attempts=" + attempts);
    }

    void rawUri(HttpServletRequest request) {
        // ok: java/log-injection -- the raw request URI is percent-encoded (no line breaks)
        LOG.info("request " + request.getRequestURI() + "?" + request.getQueryString());
        // ruleid: java/log-injection
        LOG.info("path " + request.getPathInfo());
    }
}
