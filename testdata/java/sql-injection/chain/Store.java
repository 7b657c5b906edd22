package fixtures.sql.chain;

import java.sql.Connection;
import java.sql.SQLException;

public class Store {
    void byKey(String key, Connection c) throws SQLException {
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t WHERE k = '" + key + "'");
    }

    void byName(String name, Connection c) throws SQLException {
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t WHERE n = '" + name + "'");
    }

    void byTitle(String title, Connection c) throws SQLException {
        // ok: java/sql-injection -- only ever called with a constant
        c.createStatement().executeQuery("SELECT * FROM t WHERE title = '" + title + "'");
    }
}
