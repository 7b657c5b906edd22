package com.example.orders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** Issues and checks order tokens. */
public class TokenService {
    private final SecretKey key;
    private final SecureRandom secureRandom = new SecureRandom();

    public TokenService(SecretKey key) {
        this.key = key;
    }

    /** Defect: MD5 to fingerprint a password reset token. */
    public String fingerprint(String token) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Clean: SHA-256. */
    public String checksum(byte[] body) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(body));
    }

    /** Defect: java.util.Random for a security token. */
    public String resetToken() {
        Random random = new Random();
        return Long.toHexString(random.nextLong());
    }

    /** Clean: SecureRandom. */
    public String sessionId() {
        byte[] bytes = new byte[16];
        secureRandom.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Defect: ECB mode leaks patterns of the plaintext. */
    public byte[] encryptLegacy(byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    /** Clean: AES/GCM with a fresh IV. */
    public byte[] encrypt(byte[] data, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(data);
    }
}
