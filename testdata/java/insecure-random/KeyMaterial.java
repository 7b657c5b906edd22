package fixtures.randomkeys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

class KeyMaterial {
    private final SecureRandom strong = new SecureRandom();

    void bytesIntoCookie(HttpServletResponse response) {
        byte[] raw = new byte[16];
        new Random().nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Cookie c = new Cookie("remember", "");
        // ruleid: java/insecure-random -- bytes from java.util.Random
        c.setValue(value);
        c.setSecure(true);
        c.setHttpOnly(true);
        response.addCookie(c);
    }

    SecretKeySpec aesKey() {
        byte[] key = new byte[32];
        Random r = new Random(System.nanoTime());
        r.nextBytes(key);
        // ruleid: java/insecure-random -- a predictable AES key
        return new SecretKeySpec(key, "AES");
    }

    IvParameterSpec iv() {
        byte[] iv = new byte[16];
        ThreadLocalRandom.current().nextBytes(iv);
        // ruleid: java/insecure-random -- a predictable IV
        return new IvParameterSpec(iv);
    }

    GCMParameterSpec nonce() {
        byte[] n = new byte[12];
        strong.nextBytes(n);
        // ok: java/insecure-random -- SecureRandom nonce
        return new GCMParameterSpec(128, n);
    }

    PBEKeySpec password() {
        char[] pw = Long.toString(new SplittableRandom().nextLong(), 36).toCharArray();
        // ruleid: java/insecure-random -- a generated password from a predictable generator
        return new PBEKeySpec(pw);
    }

    PBEKeySpec saltFromMathRandom(char[] pw) {
        byte[] salt = Double.toString(Math.random()).getBytes();
        // ruleid: java/insecure-random -- a predictable salt
        return new PBEKeySpec(pw, salt, 210000, 256);
    }

    PBEKeySpec strongSalt(char[] pw) {
        byte[] salt = new byte[16];
        strong.nextBytes(salt);
        // ok: java/insecure-random -- SecureRandom salt
        return new PBEKeySpec(pw, salt, 210000, 256);
    }

    SecretKeySpec strongKey() {
        byte[] key = new byte[32];
        strong.nextBytes(key);
        // ok: java/insecure-random -- SecureRandom key
        return new SecretKeySpec(key, "AES");
    }

    void sessionToken(HttpServletRequest request) {
        String token = Integer.toHexString(ThreadLocalRandom.current().nextInt());
        // ruleid: java/insecure-random
        request.getSession(true).setAttribute("csrf", token);
    }

    void bytesOverwritten(HttpServletResponse response) {
        byte[] raw = new byte[16];
        new Random().nextBytes(raw);
        raw = new byte[16];
        strong.nextBytes(raw);
        Cookie c = new Cookie("remember", "");
        // ok: java/insecure-random -- the array holding predictable bytes was replaced
        c.setValue(Base64.getEncoder().encodeToString(raw));
        c.setSecure(true);
        c.setHttpOnly(true);
        response.addCookie(c);
    }

    void shuffleOnly(java.util.List<String> names) {
        Random r = new Random();
        java.util.Collections.shuffle(names, r);
        byte[] key = new byte[16];
        strong.nextBytes(key);
        // ok: java/insecure-random -- the predictable generator only shuffled a list
        new SecretKeySpec(key, "AES");
    }

    void cookieName(HttpServletResponse response) {
        byte[] b = new byte[8];
        strong.nextBytes(b);
        // ok: java/insecure-random -- the random number is in the cookie's name, the value is strong
        Cookie c = new Cookie("pref" + new Random().nextInt(10), Base64.getEncoder().encodeToString(b));
        c.setSecure(true);
        c.setHttpOnly(true);
        response.addCookie(c);
    }
}
