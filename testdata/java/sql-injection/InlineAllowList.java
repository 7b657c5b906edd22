package fixtures.sql.allowlist;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

public class InlineAllowList {
    void listOf(HttpServletRequest request, Connection c) throws SQLException {
        String col = request.getParameter("sort");
        String safe = List.of("name", "created").contains(col) ? col : "name";
        // ok: java/sql-injection -- inline allow-list in a conditional expression
        c.createStatement().executeQuery("SELECT * FROM t ORDER BY " + safe);
    }

    void setOf(HttpServletRequest request, Connection c) throws SQLException {
        String dir = request.getParameter("dir");
        if (!Set.of("ASC", "DESC").contains(dir)) {
            dir = "ASC";
        }
        // ok: java/sql-injection -- replaced unless in the allow-list
        c.createStatement().executeQuery("SELECT * FROM t ORDER BY name " + dir);
    }

    void arraysAsList(HttpServletRequest request, Connection c) throws SQLException {
        String t = request.getParameter("table");
        if (Arrays.asList("users", "orders").contains(t)) {
            // ok: java/sql-injection -- checked against an allow-list
            c.createStatement().executeQuery("SELECT * FROM " + t);
        }
    }

    void wrongBranch(HttpServletRequest request, Connection c) throws SQLException {
        String col = request.getParameter("sort");
        String v = List.of("name", "created").contains(col) ? "name" : col;
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t ORDER BY " + v);
    }

    void listHoldsTheInput(HttpServletRequest request, Connection c) throws SQLException {
        String col = request.getParameter("sort");
        String v = List.of("name", col).contains(col) ? col : "name";
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t ORDER BY " + v);
    }

    void checkedOtherValue(HttpServletRequest request, Connection c) throws SQLException {
        String col = request.getParameter("sort");
        String other = request.getParameter("other");
        String v = List.of("name", "created").contains(other) ? col : "name";
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t ORDER BY " + v);
    }
}
