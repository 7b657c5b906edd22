package fixtures.sql;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletSql extends HttpServlet {
    private static final Set<String> COLUMNS = Set.of("name", "email");
    private static final boolean DEBUG = false;
    private Connection connection;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            direct(request);
            concatenatedLater(request);
            builder(request);
            parameterized(request);
            constantBranch(request);
        } catch (SQLException e) {
            throw new ServletException(e.getMessage());
        }
    }

    void direct(HttpServletRequest request) throws SQLException {
        String id = request.getParameter("id");
        Statement st = connection.createStatement();
        // ruleid: java/sql-injection "getParameter"
        st.executeQuery("SELECT * FROM acct WHERE id=" + id);
    }

    void concatenatedLater(HttpServletRequest request) throws SQLException {
        String sql = "SELECT * FROM acct WHERE name='";
        sql += request.getHeader("X-Name");
        sql += "'";
        // ruleid: java/sql-injection
        connection.createStatement().execute(sql);
    }

    void builder(HttpServletRequest request) throws SQLException {
        StringBuilder sb = new StringBuilder("SELECT * FROM acct WHERE owner='");
        sb.append(request.getParameter("owner")).append("'");
        Statement st = connection.createStatement();
        // ruleid: java/sql-injection
        st.executeUpdate(sb.toString());
    }

    void parameterized(HttpServletRequest request) throws SQLException {
        PreparedStatement ps = connection.prepareStatement("SELECT * FROM acct WHERE id=?");
        ps.setString(1, request.getParameter("id"));
        // ok: java/sql-injection -- bound parameter, constant query
        ps.executeQuery();
    }

    void constantBranch(HttpServletRequest request) throws SQLException {
        String param = request.getParameter("id");
        String sql = "SELECT 1";
        if ((7 * 42) - 86 > 200) {
            sql = "SELECT * FROM t WHERE id=" + param;
        }
        // ruleid: java/sql-injection
        connection.createStatement().execute(sql);
    }

    void constantFalseBranch(HttpServletRequest request) throws SQLException {
        String param = request.getParameter("id");
        String sql = "SELECT 1";
        if ((7 * 18) - 106 > 200) {
            sql = "SELECT * FROM t WHERE id=" + param;
        }
        // ok: java/sql-injection -- (7*18)-106 = 20 > 200 is false: the tainted branch is dead
        connection.createStatement().execute(sql);
    }

    void overwritten(HttpServletRequest request) throws SQLException {
        String sql = "SELECT * FROM t WHERE id=" + request.getParameter("id");
        sql = "SELECT * FROM t";
        // ok: java/sql-injection -- overwritten with a constant before the sink
        connection.createStatement().execute(sql);
    }

    void mapKeys(HttpServletRequest request) throws SQLException {
        Map<String, String> m = new HashMap<>();
        m.put("a", request.getParameter("a"));
        m.put("b", "constant");
        // ok: java/sql-injection -- key "b" holds a constant
        connection.createStatement().execute("SELECT " + m.get("b"));
        // ruleid: java/sql-injection
        connection.createStatement().execute("SELECT " + m.get("a"));
    }

    void listIndex(HttpServletRequest request) throws SQLException {
        List<String> l = new ArrayList<>();
        l.add("safe");
        l.add(request.getParameter("x"));
        l.add("other");
        l.remove(0);
        // ok: java/sql-injection -- index 1 is "other" after the remove
        connection.createStatement().execute("SELECT " + l.get(1));
        // ruleid: java/sql-injection
        connection.createStatement().execute("SELECT " + l.get(0));
    }

    void numeric(HttpServletRequest request) throws SQLException {
        int id = Integer.parseInt(request.getParameter("id"));
        // ok: java/sql-injection -- numeric value
        connection.createStatement().execute("SELECT * FROM t WHERE id=" + id);
    }

    void allowList(HttpServletRequest request) throws SQLException {
        String col = request.getParameter("col");
        if (!COLUMNS.contains(col)) {
            throw new SQLException("bad column");
        }
        // ok: java/sql-injection -- allow-list check dominates the sink
        connection.createStatement().execute("SELECT " + col + " FROM t");
    }

    void debugOnly(HttpServletRequest request) throws SQLException {
        String q = "SELECT 1";
        if (DEBUG) {
            q = q + request.getParameter("extra");
        }
        // ok: java/sql-injection -- DEBUG is a false constant
        connection.createStatement().execute(q);
    }

    void unusedTaint(HttpServletRequest request) throws SQLException {
        String unused = "SELECT " + request.getParameter("x");
        String sql = "SELECT 2";
        // ok: java/sql-injection -- the tainted value is never used
        connection.createStatement().execute(sql);
    }

    void switchConstant(HttpServletRequest request) throws SQLException {
        String param = request.getParameter("p");
        String guess = "ABC";
        char choice = guess.charAt(1);
        String bar;
        switch (choice) {
            case 'A':
                bar = param;
                break;
            case 'B':
                bar = "bob";
                break;
            default:
                bar = param;
                break;
        }
        // ok: java/sql-injection -- switch on a constant picks the constant case
        connection.createStatement().execute("SELECT " + bar);
    }

    void stringEquals(HttpServletRequest request) throws SQLException {
        String param = request.getParameter("p");
        String v = "abc".equals("abd") ? param : "fixed";
        // ok: java/sql-injection -- "abc".equals("abd") folds to false
        connection.createStatement().execute("SELECT " + v);
    }
}
