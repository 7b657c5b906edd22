package fixtures.errorpage;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

public class ErrorPages {
    void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page = request.getParameter("page");
        // ruleid: java/xss-error-page
        response.sendError(404, "No such page: " + page);
    }

    void badHeader(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java/xss-error-page
        response.sendError(HttpServletResponse.SC_BAD_REQUEST, request.getHeader("X-Id"));
    }

    // ----- negatives -----

    void constantMessage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String unused = request.getParameter("page");
        // ok: java/xss-error-page -- a constant message
        response.sendError(404, "No such page");
    }

    void statusOnly(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int code = Integer.parseInt(request.getParameter("code"));
        // ok: java/xss-error-page -- no message, the status is a number
        response.sendError(code);
    }

    void encoded(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java/xss-error-page -- HTML-encoded
        response.sendError(404, "No such page: " + Encode.forHtml(request.getParameter("page")));
    }

    void numeric(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long id = Long.parseLong(request.getParameter("id"));
        // ok: java/xss-error-page -- a number
        response.sendError(404, "No item " + id);
    }
}
