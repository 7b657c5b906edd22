package fixtures.jdbc.xfile;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Leaks visible only through the field and method types that Repository.java, another file,
 * declares: `getConnection()` is `DataSource.getConnection` only by those types.
 */
public class Reader {
    String throughAField(Repository repo) throws SQLException {
        // ruleid: java/jdbc-resource-leak
        Connection c = repo.dataSource.getConnection();
        return c.getSchema();
    }

    String throughAMethod(Repository repo) throws SQLException {
        // ruleid: java/jdbc-resource-leak
        Connection c = repo.dataSource().getConnection();
        return c.getSchema();
    }

    String closed(Repository repo) throws SQLException {
        // ok: java/jdbc-resource-leak
        try (Connection c = repo.dataSource().getConnection()) {
            return c.getSchema();
        }
    }

    int borrowed(Repository repo) throws IOException {
        // ok: java/jdbc-resource-leak
        InputStream in = repo.shared;
        return in.read();
    }

    String notAResource(Repository repo) {
        // ok: java/jdbc-resource-leak
        String n = repo.name();
        return n.trim();
    }
}
