import com.acme.MessageDigest;

class ShadowedName {
    Object f() {
        // ok: java/weak-hash -- com.acme.MessageDigest is not the JDK class
        return MessageDigest.getInstance("MD5");
    }
}
