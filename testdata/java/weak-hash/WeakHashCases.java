import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.digest.DigestUtils;

class WeakHashCases {
    private static final String LEGACY = "SHA-1";
    private static final String STRONG = "SHA-256";
    private String configured = "MD5";

    byte[] literal(byte[] pw) throws NoSuchAlgorithmException {
        // ruleid: java/weak-hash
        return MessageDigest.getInstance("MD5").digest(pw);
    }

    void constants(String fromCaller) throws Exception {
        // ruleid: java/weak-hash
        MessageDigest a = MessageDigest.getInstance(LEGACY);
        String alg = "md" + "5";
        // ruleid: java/weak-hash
        MessageDigest b = MessageDigest.getInstance(alg);
        // ruleid: java/weak-hash
        MessageDigest c = MessageDigest.getInstance("SHA", "SUN");
        // ok: java/weak-hash -- strong algorithm
        MessageDigest d = MessageDigest.getInstance(STRONG);
        // ok: java/weak-hash -- algorithm chosen by the caller, unknown here
        MessageDigest e = MessageDigest.getInstance(fromCaller);
        // ok: java/weak-hash -- a non-final field may change before use
        MessageDigest f = MessageDigest.getInstance(configured);
        String over = "MD5";
        over = "SHA-512";
        // ok: java/weak-hash -- overwritten before use
        MessageDigest g = MessageDigest.getInstance(over);
        // ok: java/weak-hash -- SHA-1 only in a string, not an algorithm choice
        String note = "MessageDigest.getInstance(\"SHA-1\") is weak";
    }

    String commons(String s) {
        // ruleid: java/weak-hash
        String h = DigestUtils.md5Hex(s);
        // ruleid: java/weak-hash
        byte[] k = DigestUtils.sha1(s.getBytes());
        // ok: java/weak-hash -- SHA-256
        return h + DigestUtils.sha256Hex(s) + k.length;
    }
}
