import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

class IvCases {
    private static final byte[] FIXED = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    void cases(SecureRandom rng, byte[] received) {
        // ruleid: java/static-iv
        IvParameterSpec a = new IvParameterSpec(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        // ruleid: java/static-iv
        GCMParameterSpec b = new GCMParameterSpec(128, "0123456789ab".getBytes(StandardCharsets.UTF_8));
        // ruleid: java/static-iv
        IvParameterSpec c = new IvParameterSpec(FIXED);
        byte[] local = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        // ruleid: java/static-iv
        GCMParameterSpec d = new GCMParameterSpec(128, local);
        byte[] iv = new byte[12];
        rng.nextBytes(iv);
        // ok: java/static-iv -- random IV
        GCMParameterSpec e = new GCMParameterSpec(128, iv);
        byte[] filled = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        rng.nextBytes(filled);
        // ok: java/static-iv -- the initializer is overwritten by nextBytes
        GCMParameterSpec f = new GCMParameterSpec(128, filled);
        // ok: java/static-iv -- IV received with the ciphertext
        IvParameterSpec g = new IvParameterSpec(received, 0, 16);
    }
}
