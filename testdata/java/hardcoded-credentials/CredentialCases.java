import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.crypto.spec.SecretKeySpec;

class CredentialCases {
    // ruleid: java/hardcoded-credentials
    private static final String DB_PASSWORD = "Winter2024!";
    // ok: java/hardcoded-credentials -- a property key, not a secret
    private static final String PASSWORD_KEY_PASSWORD = "app.db.password";
    // ok: java/hardcoded-credentials -- placeholder resolved at run time
    private String apiKey = "${API_KEY}";
    // ok: java/hardcoded-credentials -- a label, letters only
    static final String PASSWORD = "Password";
    // ruleid: java/hardcoded-credentials
    static final String AWS_ID = "AKIA2E0A8F3B244C9986";
    // ok: java/hardcoded-credentials -- AWS's documented example key
    static final String DOC_ID = "AKIAIOSFODNN7EXAMPLE";
    // ok: java/hardcoded-credentials -- too short to be an access key id
    static final String NOT_KEY = "AKIA1234";

    Connection connect(String url, String user) throws SQLException {
        // ruleid: java/hardcoded-credentials
        // ruleid: java/resource-leak-on-exception
        Connection a = DriverManager.getConnection(url, "app", "s3cr3t-pass");
        // ok: java/hardcoded-credentials -- password from the environment
        // ruleid: java/jdbc-resource-leak
        Connection b = DriverManager.getConnection(url, user, System.getenv("DB_PASSWORD"));
        String clientSecret = System.getenv("CLIENT_SECRET");
        // ok: java/hardcoded-credentials -- empty password is not a secret
        String pwd = "";
        return a != null ? a : b;
    }

    SecretKeySpec key(byte[] fromVault) {
        // ruleid: java/hardcoded-credentials
        SecretKeySpec k = new SecretKeySpec("0123456789abcdef".getBytes(StandardCharsets.UTF_8), "AES");
        // ok: java/hardcoded-credentials -- key material from elsewhere
        return fromVault.length > 0 ? new SecretKeySpec(fromVault, "AES") : k;
    }
}
