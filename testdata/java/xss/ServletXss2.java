package fixtures.xss;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.text.StringEscapeUtils;

public class ServletXss2 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        String theme = "light";
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        for (Cookie c : request.getCookies()) {
            if ("theme".equals(c.getName())) {
                theme = c.getValue();
            }
        }
        // ruleid: java/xss
        out.println("<body class='" + theme + "'>");
        // ok: java/xss -- escaped with Commons Text
        out.println("<body class='" + StringEscapeUtils.escapeHtml4(theme) + "'>");

        List<String> items = new ArrayList<>();
        items.add(request.getParameter("item"));
        for (String item : items) {
            // ruleid: java/xss
            out.println("<li>" + item + "</li>");
        }
        List<String> fixed = new ArrayList<>();
        fixed.add("a");
        fixed.add("b");
        for (String item : fixed) {
            // ok: java/xss -- constant list
            out.println("<li>" + item + "</li>");
        }
        StringBuilder html = new StringBuilder();
        html.append("<p>").append(request.getParameter("msg")).append("</p>");
        // ruleid: java/xss
        out.write(html.toString());
        StringBuilder safe = new StringBuilder();
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        safe.append("<p>").append(request.getParameter("msg").length()).append("</p>");
        // ok: java/xss -- only a length is appended
        out.write(safe.toString());
        String q = request.getParameter("q");
        String shown = q == null ? "" : q.replace("<", "&lt;");
        // ruleid: java/xss -- replacing only '<' is not an HTML encoder
        out.write(shown);
    }

    void aliasedBuilder(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder sb = new StringBuilder();
        StringBuilder alias = sb;
        alias.append(request.getParameter("a"));
        // ruleid: java/xss
        response.getWriter().print(sb);
        StringBuilder other = new StringBuilder("<hr/>");
        // ok: java/xss -- a different builder
        response.getWriter().print(other);
    }
}
