package fixtures.sql.chain;

import java.sql.Connection;
import java.sql.SQLException;

public class Relay1 {
    void pass(String id, Connection c) throws SQLException {
        new Relay2().pass("u-" + id, c);
    }
}
