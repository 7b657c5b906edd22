package fixtures.randomhelpers;

import java.util.Random;
import java.util.UUID;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

class RandomHelpers {
    private static final Random RNG = new Random();
    private String lastToken;

    private static String newToken() {
        return Long.toHexString(RNG.nextLong());
    }

    private static String strongToken() {
        return UUID.randomUUID().toString();
    }

    void viaHelper(HttpServletResponse response) {
        Cookie c = new Cookie("t", "");
        // ruleid: java/insecure-random -- the helper returns a java.util.Random value
        c.setValue(newToken());
        c.setSecure(true);
        c.setHttpOnly(true);
        response.addCookie(c);
    }

    void strongHelper(HttpServletResponse response) {
        Cookie c = new Cookie("t", "");
        // ok: java/insecure-random -- randomUUID uses SecureRandom
        c.setValue(strongToken());
        c.setSecure(true);
        c.setHttpOnly(true);
        response.addCookie(c);
    }

    void predictableUuid(HttpServletRequest request) {
        Random r = new Random();
        UUID id = new UUID(r.nextLong(), r.nextLong());
        // ruleid: java/insecure-random -- a UUID made of two predictable longs
        request.getSession().setAttribute("reset", id.toString());
    }

    void floatToken(HttpServletRequest request) {
        float f = new Random().nextFloat();
        String rememberMe = Float.toString(f).substring(2);
        // ruleid: java/insecure-random
        request.getSession().setAttribute("rememberMe", rememberMe);
    }

    void gaussian(HttpServletResponse response) {
        double g = new Random().nextGaussian();
        // ruleid: java/insecure-random
        Cookie c = new Cookie("k", Double.toString(g).substring(2));
        // ruleid: java/insecure-random
        c.setValue(Double.toString(g).substring(3));
        c.setSecure(true);
        c.setHttpOnly(true);
        response.addCookie(c);
    }
}
