package fixtures.nulls;

import java.io.IOException;
import java.util.Properties;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class HandledNulls {
    private final Properties props = new Properties();

    int assignedInCondition(HttpServletRequest request) {
        String v;
        // ok: java/null-dereference-of-source -- the assignment itself is tested against null
        if ((v = request.getParameter("v")) != null) {
            return v.trim().length();
        }
        return 0;
    }

    int loopOverKeys() {
        int n = 0;
        String value;
        int i = 0;
        // ok: java/null-dereference-of-source -- the loop condition tests each assigned value
        while ((value = props.getProperty("item." + i)) != null) {
            n += value.length();
            i++;
        }
        return n;
    }

    int caughtNpe(HttpServletRequest request) {
        try {
            // ok: java/null-dereference-of-source -- the NullPointerException is handled
            return Integer.parseInt(request.getParameter("n").trim());
        // ruleid: java/catch-null-pointer-exception -- (that rule's concern: a check is better style)
        } catch (NullPointerException | NumberFormatException e) {
            return 0;
        }
    }

    int caughtException(HttpServletRequest request) {
        String n = request.getParameter("n");
        try {
            // ok: java/null-dereference-of-source -- a catch of Exception handles the null too
            return n.length();
        } catch (Exception e) {
            return -1;
        }
    }

    int caughtOther(HttpServletRequest request) throws IOException {
        try {
            // ruleid: java/null-dereference-of-source -- an IOException handler does not catch it
            return request.getParameter("n").length();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    int npeInCatchBody(HttpServletRequest request) {
        try {
            return 1;
        } catch (RuntimeException e) {
            // ruleid: java/null-dereference-of-source -- in the handler, not the guarded body
            return request.getHeader("X").length();
        }
    }

    void shadowed(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLength() > 0) {
            String s = request.getParameter("s");
            if (s == null) {
                return;
            }
        } else {
            String s = "fixed";
            // ok: java/null-dereference-of-source -- another variable of the same name
            response.setContentLength(s.length());
        }
    }

    void reassignedFirst(HttpServletRequest request, HttpServletResponse response) {
        String x = request.getParameter("x");
        x = "constant";
        // ok: java/null-dereference-of-source -- overwritten before the dereference
        response.setContentLength(x.length());
    }

    void arrayElement(HttpServletRequest request, HttpServletResponse response) {
        String[] all = request.getParameterValues("all");
        // ruleid: java/null-dereference-of-source -- indexing a null array
        response.setContentLength(all[0].length());
    }

    void compound(HttpServletRequest request, HttpServletResponse response) {
        String x = "a";
        // ok: java/null-dereference-of-source -- `+=` with null gives "anull", no dereference
        x += request.getParameter("x");
        response.setContentLength(x.length());
    }

    void stringValueOf(HttpServletRequest request, HttpServletResponse response) {
        // ok: java/null-dereference-of-source -- String.valueOf(null object) is "null"
        response.setContentLength(String.valueOf((Object) request.getParameter("x")).length());
    }

    void keysOfTheSameObject(HttpServletRequest request, HttpServletResponse response) {
        for (String k : props.stringPropertyNames()) {
            // ok: java/null-dereference-of-source -- the key was just read from the same properties
            response.setContentLength(props.getProperty(k).length());
        }
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String n = names.nextElement();
            // ok: java/null-dereference-of-source -- a parameter name the request has
            response.setContentLength(request.getParameter(n).length());
        }
    }

    static final String MODE_KEY = "app.mode";

    void constantKey(HttpServletResponse response) {
        // ruleid: java/null-dereference-of-source -- a constant key may be missing
        response.setContentLength(props.getProperty(MODE_KEY).length());
    }

    char separators() {
        java.util.Properties sys = System.getProperties();
        // ok: java/null-dereference-of-source -- every JVM defines file.separator
        return sys.getProperty("file.separator").charAt(0);
    }
}
