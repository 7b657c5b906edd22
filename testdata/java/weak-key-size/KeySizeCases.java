import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;

class KeySizeCases {
    private static final int LEGACY_BITS = 1024;

    void cases(int configured) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        // ruleid: java/weak-key-size
        rsa.initialize(1024);
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        // ruleid: java/weak-key-size
        dsa.initialize(LEGACY_BITS);
        // ruleid: java/weak-key-size
        RSAKeyGenParameterSpec spec = new RSAKeyGenParameterSpec(512, RSAKeyGenParameterSpec.F4);
        KeyPairGenerator ok = KeyPairGenerator.getInstance("RSA");
        // ok: java/weak-key-size -- 3072 bits
        ok.initialize(3072);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        // ok: java/weak-key-size -- 256-bit EC is strong
        ec.initialize(256);
        KeyPairGenerator unknown = KeyPairGenerator.getInstance("RSA");
        // ok: java/weak-key-size -- size chosen at run time
        unknown.initialize(configured);
        // ok: java/weak-key-size -- 4096 bits
        RSAKeyGenParameterSpec big = new RSAKeyGenParameterSpec(4096, BigInteger.valueOf(65537));
    }
}
