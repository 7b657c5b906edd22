package fixtures.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;

@Path("/items")
public class JaxRsSql {
    private Connection connection;

    @GET
    public void list(@QueryParam("sort") String sort, @PathParam("id") long id) throws SQLException {
        Statement st = connection.createStatement();
        // ruleid: java/sql-injection
        st.executeQuery("SELECT * FROM items ORDER BY " + sort);
        // ok: java/sql-injection -- a long cannot carry SQL
        st.executeQuery("SELECT * FROM items WHERE id = " + id);
        String order = "name";
        do {
            order = order + ",id";
        } while (order.length() < 3);
        // ok: java/sql-injection -- built from constants in a loop
        st.executeQuery("SELECT * FROM items ORDER BY " + order);
    }

    @GET
    public void batch(@QueryParam("v") String v) throws SQLException {
        Statement st = connection.createStatement();
        // ruleid: java/sql-injection
        st.addBatch("INSERT INTO t VALUES ('" + v + "')");
        // ok: java/sql-injection -- constant statement
        st.addBatch("INSERT INTO t VALUES ('x')");
        st.executeBatch();
    }
}
