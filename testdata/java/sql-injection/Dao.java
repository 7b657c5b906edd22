package fixtures.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

public class Dao {
    private final Connection connection;

    public Dao(Connection connection) {
        this.connection = connection;
    }

    public void find(String name) throws SQLException {
        // ruleid: java/sql-injection
        connection.createStatement().executeQuery("SELECT * FROM t WHERE name='" + name + "'");
    }

    public void findSafe(String name) throws SQLException {
        PreparedStatement ps = connection.prepareStatement("SELECT * FROM t WHERE name=?");
        ps.setString(1, name);
        // ok: java/sql-injection -- parameterized
        ps.executeQuery();
    }

    public void unused(String name) throws SQLException {
        // ok: java/sql-injection -- nobody passes untrusted input here
        connection.createStatement().executeQuery("SELECT * FROM t WHERE name='" + name + "'");
    }
}
