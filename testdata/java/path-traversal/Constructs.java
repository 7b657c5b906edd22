package fixtures.path;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

public class Constructs {
    private static final String BASE = "/srv/files";
    private static String defaultName;

    static {
        defaultName = "index.txt";
    }

    private final String configured;

    Constructs(HttpServletRequest request) {
        this.configured = request.getParameter("cfg");
        // ruleid: java/path-traversal
        new File(BASE, configured);
    }

    File returnInTry(HttpServletRequest request) throws IOException {
        String name = request.getParameter("n");
        try {
            // ruleid: java/null-dereference-of-source -- dereferenced with no null check
            if (name.isEmpty()) {
                return null;
            }
            // ruleid: java/path-traversal
            return new File(BASE, name);
        } finally {
            name = "unused";
        }
    }

    void patternMatch(HttpServletRequest request, Object o) {
        Object v = request.getParameter("v");
        if (v instanceof String s) {
            // ruleid: java/path-traversal
            new File(s);
        }
        var fixed = "static.txt";
        // ok: java/path-traversal -- constant through `var`
        new File(fixed);
    }

    void synchronizedBlock(HttpServletRequest request) {
        String p;
        synchronized (this) {
            p = request.getParameter("p");
        }
        // ruleid: java/path-traversal
        new File(p);
    }

    void continueLoop(HttpServletRequest request) {
        String chosen = "a.txt";
        List<String> names = new ArrayList<>();
        names.add(request.getParameter("n1"));
        for (String n : names) {
            if (n.length() > 3) {
                continue;
            }
            chosen = "b.txt";
        }
        // ok: java/path-traversal -- only constants are assigned in the loop
        new File(BASE, chosen);
    }

    void staticField() {
        // ok: java/path-traversal -- static field assigned a constant
        new File(BASE, defaultName);
    }

    void anonymous(HttpServletRequest request) {
        String n = request.getParameter("n");
        Runnable r = new Runnable() {
            @Override
            public void run() {
                // ok: java/path-traversal -- a constant inside the anonymous class
                new File(BASE, "x.txt");
            }
        };
        r.run();
        // ruleid: java/path-traversal
        Runnable l = () -> new File(BASE, n);
        l.run();
    }

    enum Mode {
        READ, WRITE
    }

    void enumSwitch(HttpServletRequest request, Mode m) {
        String name = request.getParameter("name");
        String f;
        switch (m) {
            case READ:
                f = name;
                break;
            default:
                f = "write.log";
        }
        // ruleid: java/path-traversal
        new File(BASE, f);
    }
}
