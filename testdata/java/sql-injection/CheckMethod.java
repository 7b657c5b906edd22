package fixtures.sql.checkmethod;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

/** Allow-list checks written as methods that return a boolean. */
public class CheckMethod {
    private static final Set<String> TABLES = Set.of("users", "orders");

    private static boolean allowedTable(String t) {
        return TABLES.contains(t);
    }

    private static boolean longEnough(String t) {
        return t.length() > 2;
    }

    void checked(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("table");
        if (!allowedTable(t)) {
            return;
        }
        // ok: java/sql-injection -- allowedTable() checked it against the allow-list
        c.createStatement().executeQuery("SELECT * FROM " + t);
    }

    void notAnAllowList(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("table");
        if (longEnough(t)) {
            // ruleid: java/sql-injection
            c.createStatement().executeQuery("SELECT * FROM " + t);
        }
    }

    void resultIgnored(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("table");
        allowedTable(t);
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM " + t);
    }

    void wrongSide(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("table");
        if (allowedTable(t)) {
            return;
        }
        // ruleid: java/sql-injection -- reached only when the check failed
        c.createStatement().executeQuery("SELECT * FROM " + t);
    }
}
