import java.io.InputStream;
import java.util.Properties;
import javax.crypto.Cipher;

class PropsCipher {
    private final Properties settings = new Properties();

    PropsCipher() throws Exception {
        try (InputStream in = PropsCipher.class.getClassLoader().getResourceAsStream("cipher.properties")) {
            this.settings.load(in);
        }
    }

    Cipher legacy() throws Exception {
        // ruleid: java/weak-cipher "DESede/ECB"
        return Cipher.getInstance(settings.getProperty("cipher.legacy", "AES/GCM/NoPadding"));
    }

    Cipher bareAes() throws Exception {
        String t = this.settings.getProperty("cipher.default");
        // ruleid: java/weak-cipher
        return Cipher.getInstance(t);
    }

    Cipher modern() throws Exception {
        // ok: java/weak-cipher -- GCM from the configuration
        return Cipher.getInstance(settings.getProperty("cipher.modern", "DES"));
    }

    Cipher missingWeakDefault() throws Exception {
        // ruleid: java/weak-cipher
        return Cipher.getInstance(settings.getProperty("cipher.unset", "DES/CBC/PKCS5Padding"));
    }

    Cipher missingStrongDefault() throws Exception {
        // ok: java/weak-cipher -- the key is missing, the default is GCM
        return Cipher.getInstance(settings.getProperty("cipher.unset", "AES/GCM/NoPadding"));
    }

    Cipher reassigned() throws Exception {
        String t = settings.getProperty("cipher.legacy");
        if (t != null && t.contains("ECB")) {
            t = "AES/GCM/NoPadding";
        }
        // ok: java/weak-cipher -- may be replaced: not a single constant
        return Cipher.getInstance(t);
    }
}
