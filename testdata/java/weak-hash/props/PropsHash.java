import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Properties;

/** Algorithm names read from the project's .properties files (src/main/resources, conf/). */
class PropsHash {
    private static final Properties CONFIG = new Properties();

    static {
        try (InputStream in = PropsHash.class.getResourceAsStream("/crypto.properties")) {
            CONFIG.load(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] fromClasspath(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("crypto.properties")) {
            props.load(in);
        }
        String alg = props.getProperty("hash.legacy");
        // ruleid: java/weak-hash "MD5"
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] keyWinsOverDefault(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        // ruleid: java/weak-hash
        return MessageDigest.getInstance(props.getProperty("hash.legacy", "SHA-512")).digest(data);
    }

    byte[] strongKey(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        String alg = props.getProperty("hash.modern", "MD5");
        // ok: java/weak-hash -- the key holds SHA-256; the weak default is never used
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] missingKeyWeakDefault(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        String alg = props.getProperty("hash.not.configured", "SHA1");
        // ruleid: java/weak-hash
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] missingKeyStrongDefault(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        String alg = props.getProperty("hash.not.configured", "SHA-256");
        // ok: java/weak-hash -- the key is missing and the default is strong
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] missingKeyNoDefault(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        // ok: java/weak-hash -- getProperty returns null: no algorithm is known
        return MessageDigest.getInstance(props.getProperty("hash.not.configured")).digest(data);
    }

    byte[] continuationAndEscapes(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        // ruleid: java/weak-hash "SHA1"
        MessageDigest a = MessageDigest.getInstance(props.getProperty("hash.continued"));
        // ruleid: java/weak-hash "MD5"
        MessageDigest b = MessageDigest.getInstance(props.getProperty("hash.escaped"));
        // ok: java/weak-hash -- `key value` separator, SHA-512
        MessageDigest c = MessageDigest.getInstance(props.getProperty("hash.sha512"));
        // ruleid: java/weak-hash -- a comment line is never continued: `hash.commented=MD5` is a key
        MessageDigest d = MessageDigest.getInstance(props.getProperty("hash.commented", "SHA-256"));
        // ok: java/weak-hash -- the last definition (SHA-384) wins
        MessageDigest e = MessageDigest.getInstance(props.getProperty("hash.overridden"));
        return c.digest(data);
    }

    byte[] overwritten(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        String alg = props.getProperty("hash.legacy");
        alg = "SHA-256";
        // ok: java/weak-hash -- the configured MD5 was replaced before use
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] assignedLater(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        String alg = "SHA-256";
        alg = props.getProperty("hash.legacy");
        // ruleid: java/weak-hash -- the configured MD5 is the last value assigned
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] assignedInBranch(boolean legacy, byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        String alg = props.getProperty("hash.modern");
        if (legacy) {
            alg = props.getProperty("hash.legacy");
        }
        // ok: java/weak-hash -- MD5 only on one branch: no single constant
        return MessageDigest.getInstance(alg).digest(data);
    }

    byte[] assignedInLoop(byte[][] parts) throws Exception {
        String alg = "MD5";
        byte[] last = null;
        for (byte[] p : parts) {
            alg = "SHA-512";
            // ok: java/weak-hash -- MD5 is overwritten before every use
            last = MessageDigest.getInstance(alg).digest(p);
        }
        return last;
    }

    byte[] staticField(byte[] data) throws Exception {
        // ruleid: java/weak-hash
        return MessageDigest.getInstance(CONFIG.getProperty("hash.legacy")).digest(data);
    }

    byte[] fromFile(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream("src/main/resources/crypto.properties")) {
            props.load(in);
        }
        // ruleid: java/weak-hash
        return MessageDigest.getInstance(props.getProperty("hash.legacy")).digest(data);
    }

    byte[] fromReaderOverPath(byte[] data) throws Exception {
        Properties props = new Properties();
        try (Reader in = new InputStreamReader(Files.newInputStream(Paths.get("conf", "audit.properties")), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        // ruleid: java/weak-hash
        return MessageDigest.getInstance(props.getProperty("audit.digest")).digest(data);
    }

    byte[] fileOutsideProject(byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream("/etc/service/crypto.properties")) {
            props.load(in);
        }
        // ok: java/weak-hash -- the deployed file is not the project's: its value is unknown
        return MessageDigest.getInstance(props.getProperty("hash.legacy")).digest(data);
    }

    byte[] unknownFileOneDefinition(Properties given, byte[] data) throws Exception {
        // ruleid: java/weak-hash -- only conf/audit.properties defines the key
        return MessageDigest.getInstance(given.getProperty("audit.digest")).digest(data);
    }

    byte[] unknownFileDisagreeing(Properties given, byte[] data) throws Exception {
        // ok: java/weak-hash -- two project files define the key differently
        return MessageDigest.getInstance(given.getProperty("shared.digest")).digest(data);
    }

    byte[] systemProperties(byte[] data) throws Exception {
        Properties sys = System.getProperties();
        // ok: java/weak-hash -- system properties, not a project file
        return MessageDigest.getInstance(sys.getProperty("hash.legacy")).digest(data);
    }

    byte[] withDefaults(byte[] data) throws Exception {
        Properties defaults = new Properties();
        defaults.setProperty("hash.legacy", "SHA-256");
        Properties props = new Properties(defaults);
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        // ok: java/weak-hash -- built on defaults: not followed (the key may be unset at run time)
        return MessageDigest.getInstance(props.getProperty("hash.modern")).digest(data);
    }

    byte[] computedKey(String which, byte[] data) throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/crypto.properties")) {
            props.load(in);
        }
        // ok: java/weak-hash -- the key is chosen at run time
        return MessageDigest.getInstance(props.getProperty("hash." + which)).digest(data);
    }

    byte[] notAProperties(java.util.Map<String, String> cfg, byte[] data) throws Exception {
        // ok: java/weak-hash -- a map, not a Properties object
        return MessageDigest.getInstance(cfg.get("hash.legacy")).digest(data);
    }
}
