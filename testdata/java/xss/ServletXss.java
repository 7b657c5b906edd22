package fixtures.xss;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.owasp.esapi.ESAPI;
import org.springframework.web.util.HtmlUtils;

public class ServletXss extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String n = request.getParameter("n");
        // ruleid: java/xss
        response.getWriter().print("Hi " + n);
        // ok: java/xss -- OWASP Encoder
        response.getWriter().print("Hi " + Encode.forHtml(n));
        PrintWriter out = response.getWriter();
        // ok: java/xss -- ESAPI
        out.println(ESAPI.encoder().encodeForHTML(n));
        // ok: java/xss -- Spring HtmlUtils
        out.println(HtmlUtils.htmlEscape(n));
        // ruleid: java/xss
        out.format("<p>%s</p>", request.getHeader("Referer"));
        // ok: java/xss -- constant output
        out.println("<p>done</p>");

        Map<String, String[]> params = request.getParameterMap();
        String[] vals = params.get("v");
        // ruleid: java/xss
        out.write(vals[0]);

        String[] arr = {"safe", n};
        // ok: java/xss -- element 0 is a constant
        out.write(arr[0]);
        // ruleid: java/xss
        out.write(arr[1]);

        int count = Integer.parseInt(request.getParameter("count"));
        // ok: java/xss -- a number
        out.println("count=" + count);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String n = request.getParameter("n");
        String shown = n;
        if (n == null || n.length() > 10) {
            shown = "anonymous";
        } else {
            shown = Encode.forHtml(n);
        }
        // ok: java/xss -- encoded or constant on every path
        response.getWriter().println(shown);
        String both = n;
        if (n.isEmpty()) {
            both = Encode.forHtml(n);
        }
        // ruleid: java/xss
        response.getWriter().println(both);
        // ruleid: java/xss
        response.getOutputStream().print(request.getQueryString());
        // ok: java/xss -- writing to a file is not a response
        try (PrintWriter file = new PrintWriter("/tmp/log.txt")) {
            file.println(n);
        }
    }
}
