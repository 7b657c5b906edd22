import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;

class WeakCipherCases {
    static final String MODE = "AES/ECB/PKCS5Padding";

    void cases(String fromConfig) throws Exception {
        // ruleid: java/weak-cipher
        Cipher a = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java/weak-cipher
        Cipher b = Cipher.getInstance(MODE);
        // ruleid: java/weak-cipher
        Cipher c = Cipher.getInstance("AES");
        // ruleid: java/weak-cipher
        Cipher d = Cipher.getInstance("RC4");
        // ruleid: java/weak-cipher
        Cipher e = Cipher.getInstance("DESede/CBC/NoPadding", "SunJCE");
        // ruleid: java/weak-cipher
        KeyGenerator kg = KeyGenerator.getInstance("DES");
        // ok: java/weak-cipher -- authenticated mode
        Cipher f = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java/weak-cipher -- ECB means nothing for RSA
        Cipher g = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        // ok: java/weak-cipher -- CBC with AES
        Cipher h = Cipher.getInstance("AES/CBC/PKCS5Padding");
        // ok: java/weak-cipher -- unknown at this point
        Cipher i = Cipher.getInstance(fromConfig);
        // ok: java/weak-cipher -- AES key generation is fine
        KeyGenerator k2 = KeyGenerator.getInstance("AES");
        // ok: java/weak-cipher -- a string that merely mentions DES
        String doc = "Cipher.getInstance(\"DES\") is weak";
    }
}
