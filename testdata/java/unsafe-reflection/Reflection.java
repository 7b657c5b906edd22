package fixtures.reflection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

public class Reflection {
    private static final Set<String> ALLOWED = Set.of("com.example.A", "com.example.B");
    private static final Map<String, String> BY_NAME = Map.of("a", "com.example.A");

    Object forName(HttpServletRequest request) throws Exception {
        String type = request.getParameter("type");
        // ruleid: java/unsafe-reflection
        Class<?> c = Class.forName(type);
        return c.getDeclaredConstructor().newInstance();
    }

    Object forNameWithLoader(HttpServletRequest request) throws Exception {
        // ruleid: java/unsafe-reflection
        return Class.forName("com.example." + request.getParameter("type"), true,
                Reflection.class.getClassLoader());
    }

    Class<?> loadClass(HttpServletRequest request) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        // ruleid: java/unsafe-reflection
        return loader.loadClass(request.getHeader("X-Plugin"));
    }

    Class<?> fromSocket(Socket s) throws IOException, ClassNotFoundException {
        String name = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        // ruleid: java/unsafe-reflection
        return Class.forName(name);
    }

    // ----- negatives -----

    Object allowListed(HttpServletRequest request) throws Exception {
        String type = request.getParameter("type");
        if (!ALLOWED.contains(type)) {
            return null;
        }
        // ok: java/unsafe-reflection -- checked against an allow-list
        return Class.forName(type).getDeclaredConstructor().newInstance();
    }

    Object constantName(HttpServletRequest request) throws Exception {
        String unused = request.getParameter("type");
        // ok: java/unsafe-reflection -- a constant class name
        return Class.forName("com.example.A");
    }

    Object mappedName(HttpServletRequest request) throws Exception {
        String type = request.getParameter("type");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        String cls = type.equals("b") ? "com.example.B" : "com.example.A";
        // ok: java/unsafe-reflection -- one of two constants
        return Class.forName(cls);
    }

    Object equalsGuard(HttpServletRequest request) throws Exception {
        String type = request.getParameter("type");
        if ("com.example.A".equals(type)) {
            // ok: java/unsafe-reflection -- the value is the constant here
            return Class.forName(type);
        }
        return null;
    }

    String className(HttpServletRequest request) {
        // ok: java/unsafe-reflection -- the input is not a class name to load
        return Reflection.class.getName() + request.getParameter("x");
    }
}
