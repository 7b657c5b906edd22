package fixtures.jdbcvariants;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

class JdbcVariants {
    private DataSource ds;
    private JdbcTemplate jdbc;
    private EntityManager em;

    void batch(HttpServletRequest request) throws SQLException {
        String name = request.getParameter("name");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // ruleid: java/sql-injection
            s.addBatch("INSERT INTO audit(name) VALUES ('" + name + "')");
            s.executeBatch();
        }
    }

    void generatedKeys(HttpServletRequest request) throws SQLException {
        String title = request.getParameter("title");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // ruleid: java/sql-injection
            s.execute("INSERT INTO posts(title) VALUES ('" + title + "')", Statement.RETURN_GENERATED_KEYS);
        }
    }

    void chainedStatement(HttpServletRequest request) throws SQLException {
        String id = request.getParameter("id");
        try (Connection c = ds.getConnection()) {
            // ruleid: java/sql-injection, java/jdbc-resource-leak -- the statement is never closed
            ResultSet rs = c.createStatement().executeQuery("SELECT * FROM users WHERE id = '" + id + "'");
            rs.close();
        }
    }

    void largeUpdate(HttpServletRequest request) throws SQLException {
        String table = request.getParameter("table");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // ruleid: java/sql-injection
            s.executeLargeUpdate("DELETE FROM " + table);
        }
    }

    void preparedConcat(HttpServletRequest request) throws SQLException {
        String order = request.getParameter("order");
        try (Connection c = ds.getConnection();
                // ruleid: java/sql-injection -- a prepared statement built by concatenation
                PreparedStatement ps = c.prepareStatement("SELECT * FROM items ORDER BY " + order)) {
            ps.executeQuery().close();
        }
    }

    void storedProcedure(HttpServletRequest request) throws SQLException {
        String user = request.getParameter("user");
        try (Connection c = ds.getConnection();
                // ruleid: java/sql-injection
                CallableStatement cs = c.prepareCall("{call audit_user('" + user + "')}")) {
            cs.execute();
        }
    }

    void storedProcedureBound(HttpServletRequest request) throws SQLException {
        String user = request.getParameter("user");
        try (Connection c = ds.getConnection();
                // ok: java/sql-injection -- the value is bound to the placeholder
                CallableStatement cs = c.prepareCall("{call audit_user(?)}")) {
            cs.setString(1, user);
            cs.execute();
        }
    }

    void preparedBound(HttpServletRequest request) throws SQLException {
        String id = request.getParameter("id");
        try (Connection c = ds.getConnection();
                // ok: java/sql-injection -- a parameterized query
                PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeQuery().close();
        }
    }

    List<Map<String, Object>> template(HttpServletRequest request) {
        String city = request.getParameter("city");
        // ruleid: java/sql-injection
        return jdbc.queryForList("SELECT * FROM shops WHERE city = '" + city + "'");
    }

    List<Map<String, Object>> templateBound(HttpServletRequest request) {
        String city = request.getParameter("city");
        // ok: java/sql-injection -- the value is a bind argument
        return jdbc.queryForList("SELECT * FROM shops WHERE city = ?", city);
    }

    int templateUpdate(HttpServletRequest request) {
        String note = request.getParameter("note");
        // ruleid: java/sql-injection
        return jdbc.update("UPDATE notes SET body = '" + note + "'");
    }

    int templateUpdateBound(HttpServletRequest request) {
        // ok: java/sql-injection -- bound arguments
        return jdbc.update("UPDATE notes SET body = ? WHERE id = ?", request.getParameter("note"), 3);
    }

    void templateBatch(HttpServletRequest request) {
        String a = request.getParameter("a");
        // todoruleid: java/sql-injection -- known miss: only the first SQL of `batchUpdate(String...)` is a sink (`batchUpdate(sql, batchArgs)` has the same arity and its second argument is bind values)
        jdbc.batchUpdate("DELETE FROM t WHERE k = 1", "DELETE FROM t WHERE k = '" + a + "'");
    }

    void nativeQuery(HttpServletRequest request) {
        String sort = request.getParameter("sort");
        // ruleid: java/sql-injection
        em.createNativeQuery("SELECT * FROM orders ORDER BY " + sort, Object[].class).getResultList();
    }

    void nativeQueryBound(HttpServletRequest request) {
        // ok: java/sql-injection -- positional parameter
        em.createNativeQuery("SELECT * FROM orders WHERE owner = ?1")
                .setParameter(1, request.getParameter("owner"))
                .getResultList();
    }

    void numericConcat(HttpServletRequest request) throws SQLException {
        long id = Long.parseLong(request.getParameter("id"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // ok: java/sql-injection -- a parsed number
            s.executeQuery("SELECT * FROM users WHERE id = " + id).close();
        }
    }

    void allowListedColumn(HttpServletRequest request) throws SQLException {
        String col = request.getParameter("col");
        // ruleid: java/null-dereference-of-source -- a missing parameter throws in the switch
        String safe = switch (col) {
            case "name", "created" -> col;
            default -> "id";
        };
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // ok: java/sql-injection -- only known column names reach the query
            s.executeQuery("SELECT * FROM users ORDER BY " + safe).close();
        }
    }

    void constantQuery(Statement s) throws SQLException {
        String q = "SELECT COUNT(*) FROM users";
        // ok: java/sql-injection -- a constant
        s.executeQuery(q).close();
    }
}
