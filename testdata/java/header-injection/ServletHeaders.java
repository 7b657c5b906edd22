package fixtures.headers;

import java.io.IOException;
import java.net.URLEncoder;
import java.util.Set;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletHeaders extends HttpServlet {
    private static final Set<String> SUPPORTED = Set.of("en", "fr");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String lang = request.getParameter("lang");
        // ruleid: java/header-injection
        response.addCookie(new Cookie("lang", lang)); // ruleid: java/insecure-cookie, java/cookie-without-httponly
        // ok: java/header-injection -- allow-listed value or a constant
        response.addCookie(new Cookie("lang", SUPPORTED.contains(lang) ? lang : "en")); // ruleid: java/insecure-cookie, java/cookie-without-httponly
        // ruleid: java/header-injection
        response.setHeader("X-Lang", lang);
        // ok: java/header-injection -- URL-encoded (no CR/LF left)
        response.setHeader("X-Lang", URLEncoder.encode(lang, "UTF-8"));
        // ok: java/header-injection -- constant
        response.addHeader("Cache-Control", "no-store");
        Cookie c = new Cookie("theme", "dark");
        // ruleid: java/header-injection
        c.setValue(request.getHeader("X-Theme"));
    }
}
