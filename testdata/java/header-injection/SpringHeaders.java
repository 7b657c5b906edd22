package fixtures.headers;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringHeaders {
    @GetMapping("/pref")
    public void pref(@CookieValue("pref") String pref, HttpServletRequest request, HttpServletResponse response) {
        // ruleid: java/header-injection
        response.addHeader("X-Pref", pref);
        String id = request.getParameter("id");
        long n = Long.parseLong(id);
        // ok: java/header-injection -- a number
        response.addHeader("X-Id", String.valueOf(n));
        String lang = request.getHeader("Accept-Language");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (!lang.matches("[a-z]{2}")) {
            lang = "en";
        }
        // ok: java/header-injection -- validated by a full-match regex, or replaced
        response.addCookie(new Cookie("lang", lang)); // ruleid: java/insecure-cookie, java/cookie-without-httponly
        String[] parts = {"v1", request.getParameter("v")};
        // ok: java/header-injection -- element 0 is a constant
        response.setHeader("X-Version", parts[0]);
        // ruleid: java/header-injection
        response.setHeader("X-Version", parts[1]);
    }
}
