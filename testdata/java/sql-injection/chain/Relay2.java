package fixtures.sql.chain;

import java.sql.Connection;
import java.sql.SQLException;

public class Relay2 {
    void pass(String key, Connection c) throws SQLException {
        Relay3.pass(key.trim(), c);
    }
}
