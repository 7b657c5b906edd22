package fixtures.nulls;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

public class EnvironmentNulls {
    private final Properties props = new Properties();

    void load() throws IOException {
        try (FileInputStream in = new FileInputStream("app.properties")) {
            props.load(in);
        }
    }

    void environment() {
        // ruleid: java/null-dereference -- an unset variable gives null (that rule's, not this one's)
        int len = System.getenv("APP_HOME").length();

        String home = System.getenv("APP_HOME");
        // ruleid: java/null-dereference -- first use is a dereference (that rule's)
        Path p = Path.of(home.strip());

        // ok: java/null-dereference-of-source -- requireNonNullElse gives a default
        String h2 = Objects.requireNonNullElse(System.getenv("APP_HOME"), "/opt/app").strip();

        String h3 = System.getenv("APP_HOME");
        // ok: java/null-dereference-of-source -- checked first
        if (h3 == null || h3.isBlank()) {
            return;
        }
    }

    void systemProperties() {
        // ruleid: java/null-dereference -- an application property may be unset (that rule's)
        String mode = System.getProperty("app.mode").toUpperCase();

        // ok: java/null-dereference-of-source -- the overload with a default never returns null
        String mode2 = System.getProperty("app.mode", "prod").toUpperCase();

        // ok: java/null-dereference-of-source -- every JVM defines java.home
        String javaHome = System.getProperty("java.home").trim();

        // ok: java/null-dereference-of-source -- every JVM defines line.separator
        int sep = System.getProperty("line.separator").length();
    }

    void properties() {
        // ruleid: java/null-dereference-of-source -- a missing key gives null
        String url = props.getProperty("db.url").trim();

        // ruleid: java/null-dereference-of-source -- a null default is no default
        String url2 = props.getProperty("db.url", null).trim();

        // ok: java/null-dereference-of-source -- with a default
        String user = props.getProperty("db.user", "app").trim();

        String pool = props.getProperty("db.pool");
        // ok: java/null-dereference-of-source -- Integer.parseInt is a use before any dereference
        int size = pool == null ? 4 : Integer.parseInt(pool);

        String timeout = props.getProperty("db.timeout");
        // ruleid: java/null-dereference-of-source -- dereferenced in a condition
        if (timeout.endsWith("s")) {
            return;
        }
    }

    String lambdaLocal() {
        String v = System.getenv("A");
        java.util.function.Supplier<String> r = () -> {
            String v2 = "x";
            return v2.trim();
        };
        // ok: java/null-dereference-of-source -- the first use of v is the null test
        if (v != null) {
            return v.trim() + r.get();
        }
        return "";
    }
}
