package fixtures.sql.chain;

import java.sql.Connection;
import java.sql.SQLException;
import javax.servlet.http.HttpServletRequest;

/** A flow through five files: Entry → Relay1 → Relay2 → Relay3 → Store (the sink). */
public class Entry {
    private final Relay1 relay = new Relay1();

    void handle(HttpServletRequest request, Connection c) throws SQLException {
        relay.pass(request.getParameter("id"), c);
    }

    void handleSafe(HttpServletRequest request, Connection c) throws SQLException {
        relay.pass(String.valueOf(Integer.parseInt(request.getParameter("id"))), c);
    }

    void fromSource(Connection c) throws SQLException {
        new Store().byName(Fetch.fetch(), c);
    }

    void fromConstant(Connection c) throws SQLException {
        new Store().byTitle(Sources.constant(), c);
    }
}
