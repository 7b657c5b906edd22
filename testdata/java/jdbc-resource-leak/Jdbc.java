package fixtures.leaks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

public class Jdbc {
    private final DataSource ds;
    private Connection cached;

    Jdbc(DataSource ds) {
        this.ds = ds;
    }

    int connectionNeverClosed() throws SQLException {
        // ruleid: java/jdbc-resource-leak
        Connection c = ds.getConnection();
        // ok: java/jdbc-resource-leak -- released with its connection (which leaks)
        Statement s = c.createStatement();
        // ok: java/jdbc-resource-leak -- released with its statement
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM users");
        rs.next();
        return rs.getInt(1);
    }

    int allInTryWithResources() throws SQLException {
        // ok: java/jdbc-resource-leak -- try-with-resources
        try (Connection c = ds.getConnection();
             // ok: java/jdbc-resource-leak -- try-with-resources
             Statement s = c.createStatement();
             // ok: java/jdbc-resource-leak -- try-with-resources
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM users")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    int connectionClosedStatementOpen() throws SQLException {
        // ok: java/jdbc-resource-leak -- closing the connection closes its statements
        Connection c = ds.getConnection();
        try {
            // ok: java/jdbc-resource-leak -- closed with its connection
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            // ok: java/jdbc-resource-leak -- closed with its statement
            ResultSet rs = ps.executeQuery();
            return rs.next() ? 1 : 0;
        } finally {
            c.close();
        }
    }

    List<String> statementInTwrConnectionLeaks(String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            // ruleid: java/jdbc-resource-leak
            PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE name = ?");
            ps.setString(1, name);
            // ok: java/jdbc-resource-leak -- lost with its statement (reported there)
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void driverManagerLeak(String url) throws SQLException {
        // ruleid: java/jdbc-resource-leak
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
    }

    void driverManagerClosedInFinally(String url) throws SQLException {
        Connection c = null;
        try {
            // ok: java/jdbc-resource-leak -- closed in finally after a null check
            c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            c.commit();
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    Connection returned() throws SQLException {
        // ok: java/jdbc-resource-leak -- returned to the caller
        return ds.getConnection();
    }

    void storedInField() throws SQLException {
        // ok: java/jdbc-resource-leak -- kept in a field
        cached = ds.getConnection();
    }

    int statementOfOwnedConnectionClosedSeparately() throws SQLException {
        // ok: java/jdbc-resource-leak -- closed in finally
        Connection c = ds.getConnection();
        Statement s = null;
        try {
            // ok: java/jdbc-resource-leak -- closed in finally
            s = c.createStatement();
            return s.executeUpdate("DELETE FROM t");
        } finally {
            if (s != null) {
                s.close();
            }
            c.close();
        }
    }

    int earlyReturnLeaksConnection(boolean skip) throws SQLException {
        // ruleid: java/jdbc-resource-leak
        Connection c = ds.getConnection();
        if (skip) {
            return 0;
        }
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE t SET x = 1");
        } finally {
            c.close();
        }
    }

    int resultSetOfParameterStatement(Statement s) throws SQLException {
        // ok: java/jdbc-resource-leak -- the result set belongs to a statement the caller owns
        ResultSet rs = s.executeQuery("SELECT 1");
        return rs.next() ? 1 : 0;
    }

    int closedByHelper() throws SQLException {
        // ok: java/jdbc-resource-leak -- closed by a helper of this class
        Connection c = ds.getConnection();
        try {
            return c.getTransactionIsolation();
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // nothing
        }
    }

    int loopLeaksConnections(List<String> urls) throws SQLException {
        int n = 0;
        for (String u : urls) {
            // ruleid: java/jdbc-resource-leak
            Connection c = DriverManager.getConnection(u);
            n += c.getNetworkTimeout();
        }
        return n;
    }

    void passedToDao() throws SQLException {
        // ok: java/jdbc-resource-leak -- ownership passed to a constructor
        Connection c = ds.getConnection();
        new Dao(c).run();
    }

    static final class Dao {
        private final Connection c;

        Dao(Connection c) {
            this.c = c;
        }

        void run() throws SQLException {
            c.commit();
        }
    }
}
