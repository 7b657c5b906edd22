package fixtures.statics;

import java.io.IOException;

public class Pipeline {
    static String stage;
    static String name = "build";

    static void start() throws IOException {
        // ruleid: java/command-injection -- assigned a request header in StaticStore
        Runtime.getRuntime().exec(new String[] {"make", stage});
    }

    static void named() throws IOException {
        // ok: java/command-injection -- `name` is never assigned untrusted input
        Runtime.getRuntime().exec(new String[] {"make", name});
    }
}

// Two classes in one file: one stores, the other reads.
class LocalStore {
    static void keep(javax.servlet.http.HttpServletRequest request) {
        LocalHolder.last = request.getParameter("last");
    }
}

class LocalHolder {
    static String last;
    static String fixed = "true";

    void use() throws IOException {
        // ruleid: java/command-injection -- LocalStore assigns a request parameter
        Runtime.getRuntime().exec(last);
        // ok: java/command-injection -- never assigned input
        Runtime.getRuntime().exec(fixed);
    }
}
