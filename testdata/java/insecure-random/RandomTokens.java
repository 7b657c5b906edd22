package fixtures.random;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class RandomTokens {
    private final Random random = new Random();
    private final SecureRandom secureRandom = new SecureRandom();

    void sessionCookie(HttpServletResponse response) {
        String token = Long.toHexString(new Random().nextLong());
        // ruleid: java/insecure-random
        Cookie cookie = new Cookie("session", token);
        response.addCookie(cookie); // ruleid: java/insecure-cookie, java/cookie-without-httponly
    }

    void numericValue(HttpServletResponse response) {
        long n = random.nextLong();
        // ruleid: java/insecure-random
        Cookie cookie = new Cookie("remember", "r" + n);
        response.addCookie(cookie); // ruleid: java/insecure-cookie, java/cookie-without-httponly
    }

    void mathRandom(HttpServletResponse response) {
        Cookie cookie = new Cookie("csrf", "");
        // ruleid: java/insecure-random
        cookie.setValue(Double.toString(Math.random()));
        response.addCookie(cookie); // ruleid: java/insecure-cookie, java/cookie-without-httponly
    }

    void threadLocal(HttpServletRequest request) {
        int otp = ThreadLocalRandom.current().nextInt(100000, 1000000);
        HttpSession session = request.getSession();
        // ruleid: java/insecure-random
        session.setAttribute("otp", String.valueOf(otp));
    }

    void secure(HttpServletResponse response) {
        byte[] bytes = new byte[16];
        secureRandom.nextBytes(bytes);
        String token = Long.toHexString(secureRandom.nextLong());
        // ok: java/insecure-random -- SecureRandom
        Cookie cookie = new Cookie("session", token);
        response.addCookie(cookie); // ruleid: java/insecure-cookie, java/cookie-without-httponly
    }

    void declaredAsRandom(HttpServletResponse response) {
        Random strong = new SecureRandom();
        String token = Long.toHexString(strong.nextLong());
        Cookie cookie = new Cookie("session", token); // todook: java/insecure-random -- a SecureRandom behind the declared type Random
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: java/insecure-cookie -- both flags set
        response.addCookie(cookie);
    }

    void overwritten(HttpServletResponse response) {
        String token = Integer.toString(random.nextInt());
        token = Long.toHexString(secureRandom.nextLong());
        // ok: java/insecure-random -- the predictable value was overwritten by a SecureRandom one
        response.addCookie(new Cookie("session", token)); // ruleid: java/insecure-cookie, java/cookie-without-httponly
    }

    void deadBranch(HttpServletResponse response) {
        String token = Long.toHexString(secureRandom.nextLong());
        if (1 + 1 == 3) {
            token = Integer.toString(random.nextInt());
        }
        // ok: java/insecure-random -- the Random branch is dead
        response.addCookie(new Cookie("session", token)); // ruleid: java/insecure-cookie, java/cookie-without-httponly
    }

    List<String> shuffled(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    long jitter(long delayMillis) throws InterruptedException {
        long wait = delayMillis + random.nextInt(250);
        Thread.sleep(wait);
        return wait;
    }

    void sampled(Statement statement) throws SQLException {
        // ok: java/sql-injection -- a random number is not user input
        statement.executeQuery("SELECT * FROM t ORDER BY id LIMIT 1 OFFSET " + random.nextInt(100));
        String suffix = Integer.toString(random.nextInt(10));
        // ok: java/sql-injection -- a random number is not user input
        statement.execute("CREATE TABLE tmp_" + suffix + " (id INT)");
    }

    void userInputInCookie(HttpServletRequest request, HttpServletResponse response) {
        String theme = request.getParameter("theme");
        // ok: java/insecure-random -- user input, not a random number (header-injection's concern)
        response.addCookie(new Cookie("theme", theme)); // ruleid: java/header-injection, java/insecure-cookie, java/cookie-without-httponly
    }

    void greeting(HttpServletRequest request) {
        String[] greetings = {"hi", "hello", "hey"};
        // ok: java/insecure-random -- a random choice among constants is not a secret
        request.getSession().setAttribute("greeting", greetings[random.nextInt(greetings.length)]);
    }
}
