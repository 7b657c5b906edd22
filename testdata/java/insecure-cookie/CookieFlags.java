package fixtures.cookie;

import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class CookieFlags {
    private static final boolean SECURE_COOKIES = false;
    private static final boolean ON = true;
    private Cookie last;

    void neverSet(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setPath("/");
        // ruleid: java/insecure-cookie, java/cookie-without-httponly
        response.addCookie(cookie);
    }

    void onlyHttpOnly(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setHttpOnly(true);
        // ruleid: java/insecure-cookie
        response.addCookie(cookie);
    }

    void onlySecure(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(true);
        // ok: java/insecure-cookie -- setSecure(true) is called; only HttpOnly is missing
        // ruleid: java/cookie-without-httponly
        response.addCookie(cookie);
    }

    void explicitlyFalse(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(false);
        cookie.setHttpOnly(true);
        // ruleid: java/insecure-cookie
        response.addCookie(cookie);
    }

    void constantFalseFlag(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(SECURE_COOKIES);
        cookie.setHttpOnly(true);
        // ruleid: java/insecure-cookie
        response.addCookie(cookie);
    }

    void oneBranchOnly(HttpServletResponse response, String sid, boolean production) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setHttpOnly(true);
        if (production) {
            cookie.setSecure(true);
        }
        // ruleid: java/insecure-cookie
        response.addCookie(cookie);
    }

    void inline(HttpServletResponse response, String sid) {
        // ruleid: java/insecure-cookie, java/cookie-without-httponly
        response.addCookie(new Cookie("session", sid));
    }

    void httpOnlyOnly(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setHttpOnly(true);
        // ruleid: java/insecure-cookie
        // ok: java/cookie-without-httponly -- HttpOnly is set; only Secure is missing
        response.addCookie(cookie);
    }

    void httpOnlyCleared(HttpServletResponse response, String sid, boolean debug) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        if (debug) {
            cookie.setHttpOnly(false);
        }
        // ok: java/insecure-cookie -- Secure is set on every path
        // ruleid: java/cookie-without-httponly
        response.addCookie(cookie);
    }

    void bothSet(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(true);
        cookie.setHttpOnly(ON);
        // ok: java/insecure-cookie -- both flags set to true before the add
        // ok: java/cookie-without-httponly -- both flags set to true before the add
        response.addCookie(cookie);
    }

    void bothBranches(HttpServletResponse response, String sid, boolean remember) {
        Cookie cookie = new Cookie("session", sid);
        if (remember) {
            cookie.setMaxAge(3600);
            cookie.setSecure(true);
        } else {
            cookie.setSecure(true);
        }
        cookie.setHttpOnly(true);
        // ok: java/insecure-cookie -- Secure is set on every path
        // ok: java/cookie-without-httponly -- HttpOnly is set before the add
        response.addCookie(cookie);
    }

    void deadInsecureBranch(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        if (SECURE_COOKIES) {
            cookie.setSecure(false);
        }
        // ok: java/insecure-cookie -- the branch that clears Secure is dead
        // ok: java/cookie-without-httponly -- HttpOnly is set
        response.addCookie(cookie);
    }

    void unknownFlag(HttpServletResponse response, String sid, boolean secureFlag) {
        Cookie cookie = new Cookie("session", sid);
        cookie.setSecure(secureFlag);
        cookie.setHttpOnly(true);
        // ok: java/insecure-cookie -- the flag is not a constant (e.g. request.isSecure())
        response.addCookie(cookie);
    }

    void configuredElsewhere(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        harden(cookie);
        // ok: java/insecure-cookie -- a helper may set the flags
        response.addCookie(cookie);
    }

    private static void harden(Cookie cookie) {
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
    }

    Cookie returned(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        // ok: java/insecure-cookie -- returned: the caller may configure it
        response.addCookie(cookie);
        return cookie;
    }

    void storedInField(HttpServletResponse response, String sid) {
        Cookie cookie = new Cookie("session", sid);
        last = cookie;
        // ok: java/insecure-cookie -- stored in a field
        response.addCookie(cookie);
    }

    List<Cookie> collected(String sid) {
        List<Cookie> cookies = new ArrayList<>();
        // ok: java/insecure-cookie -- not added to a response here
        cookies.add(new Cookie("session", sid));
        return cookies;
    }

    void parameterCookie(HttpServletResponse response, Cookie cookie) {
        // ok: java/insecure-cookie -- not created here: its flags are unknown
        response.addCookie(cookie);
    }
}
