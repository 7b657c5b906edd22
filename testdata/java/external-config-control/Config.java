package fixtures.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.security.Security;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

public class Config {
    private static final Set<String> TENANTS = Set.of("eu", "us");

    void catalog(HttpServletRequest request, Connection c) throws SQLException {
        // ruleid: java/external-config-control
        c.setCatalog(request.getParameter("tenant"));
    }

    void schema(HttpServletRequest request, Connection c) throws SQLException {
        String s = "tenant_" + request.getHeader("X-Tenant");
        // ruleid: java/external-config-control
        c.setSchema(s);
    }

    void systemProperty(HttpServletRequest request) {
        String proxy = request.getParameter("proxy");
        // ruleid: java/external-config-control
        System.setProperty("http.proxyHost", proxy);
    }

    void systemPropertyName(HttpServletRequest request) {
        // ruleid: java/external-config-control
        System.setProperty(request.getParameter("key"), "true");
    }

    void securityProperty(HttpServletRequest request) {
        // ruleid: java/external-config-control
        Security.setProperty("jdk.tls.disabledAlgorithms", request.getParameter("algs"));
    }

    void catalogFromSocket(Socket socket, Connection c) throws IOException, SQLException {
        String db = new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
        // ruleid: java/external-config-control
        c.setCatalog(db);
    }

    // ----- negatives -----

    void allowListed(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("tenant");
        if (!TENANTS.contains(t)) {
            throw new IllegalArgumentException(t);
        }
        // ok: java/external-config-control -- checked against an allow-list
        c.setCatalog(t);
    }

    void constantCatalog(HttpServletRequest request, Connection c) throws SQLException {
        String unused = request.getParameter("tenant");
        // ok: java/external-config-control -- a constant catalog
        c.setCatalog("main");
    }

    void mapped(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("tenant");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        String catalog = t.equals("eu") ? "db_eu" : "db_us";
        // ok: java/external-config-control -- one of two constants
        c.setCatalog(catalog);
    }

    void numeric(HttpServletRequest request) {
        int port = Integer.parseInt(request.getParameter("port"));
        // ok: java/external-config-control -- a number
        System.setProperty("http.proxyPort", String.valueOf(port));
    }

    String readProperty(HttpServletRequest request) {
        // ok: java/external-config-control -- reading a property changes nothing
        return System.getProperty(request.getParameter("key"));
    }

    void equalsGuard(HttpServletRequest request) {
        String v = request.getParameter("debug");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (v.equals("true")) {
            // ok: java/external-config-control -- the value is the constant "true" here
            System.setProperty("app.debug", v);
        }
    }
}
