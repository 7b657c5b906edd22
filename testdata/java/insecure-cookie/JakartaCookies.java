package fixtures.cookie;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

public class JakartaCookies {
    void loop(HttpServletResponse response, String[] names) {
        for (String name : names) {
            Cookie cookie = new Cookie(name, "");
            cookie.setMaxAge(0);
            // ruleid: java/insecure-cookie, java/cookie-without-httponly
            response.addCookie(cookie);
        }
    }

    void reassigned(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("a", sid);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: java/insecure-cookie -- both flags set
        response.addCookie(cookie);
        cookie = new Cookie("b", sid);
        cookie.setHttpOnly(true);
        // ruleid: java/insecure-cookie
        response.addCookie(cookie);
    }

    void earlyReturn(HttpServletResponse response, String sid, boolean skip) {
        Cookie cookie = new Cookie("session", sid);
        if (skip) {
            return;
        }
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: java/insecure-cookie -- the path without the flags returns before the add
        response.addCookie(cookie);
    }
}
