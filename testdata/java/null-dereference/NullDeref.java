import java.util.Map;

class NullDeref {
    String afterCheck(String name) {
        if (name == null) {
            // ruleid: java/null-dereference
            System.err.println("bad name of length " + name.length());
        }
        return name;
    }

    int elseBranch(int[] data) {
        if (data != null) {
            return data.length;
        } else {
            // ruleid: java/null-dereference
            return data[0];
        }
    }

    boolean wrongOperator(String s) {
        // ruleid: java/null-dereference
        return s == null && s.isEmpty();
    }

    boolean wrongOperator2(String s) {
        // ruleid: java/null-dereference
        return s != null || s.isEmpty();
    }

    String env() {
        // ruleid: java/null-dereference
        String home = System.getenv("APP_HOME").trim();
        String user = System.getProperty("app.user");
        // ruleid: java/null-dereference
        return home + user.toUpperCase();
    }

    String fine(String name, Map<String, String> m) {
        if (name == null) {
            name = "anonymous";
            // ok: java/null-dereference -- reassigned before the use
            return name.trim();
        }
        // ok: java/null-dereference -- the usual guard
        boolean empty = name == null || name.isEmpty();
        // ok: java/null-dereference -- the usual guard
        boolean full = name != null && !name.isEmpty();
        String home = System.getenv("HOME");
        if (home == null) {
            home = "/";
        }
        // ok: java/null-dereference -- checked above
        String h = home.trim();
        // ok: java/null-dereference -- java.home is always defined by the JVM
        String jh = System.getProperty("java.home").trim();
        // ok: java/null-dereference -- getProperty with a default is never null
        String tmp = System.getProperty("java.io.tmpdir", "/tmp").trim();
        return h + tmp + jh + empty + full + m.get(name);
    }
}
