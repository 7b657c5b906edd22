package fixtures.ssrf;

import java.io.IOException;
import java.net.URL;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class SsrfTricky extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String region = request.getParameter("region");
        String base;
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        switch (region) {
            case "eu":
                base = "https://eu.example.com/" + region;
                break;
            case "us":
                base = "https://us.example.com/" + region;
                break;
            default:
                base = "https://www.example.com/";
        }
        // ok: java/ssrf -- in each case branch, region equals a constant
        new URL(base).openConnection();
        String path = request.getParameter("path");
        // ruleid: java/ssrf
        new URL("https", request.getHeader("X-Forwarded-Host"), 443, "/" + path).openConnection();
        int port = Integer.parseInt(request.getParameter("port"));
        // ok: java/ssrf -- only a numeric port varies
        new URL("https://internal.example.com:" + port + "/health").openConnection();
    }
}
