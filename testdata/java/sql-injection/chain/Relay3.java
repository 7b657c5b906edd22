package fixtures.sql.chain;

import java.sql.Connection;
import java.sql.SQLException;

public class Relay3 {
    static void pass(String key, Connection c) throws SQLException {
        new Store().byKey(key, c);
    }
}
