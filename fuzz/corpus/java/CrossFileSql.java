package fixtures.sql;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CrossFileSql extends HttpServlet {
    private Connection connection;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String p = request.getParameter("p");
        try {
            Statement st = connection.createStatement();
            // ok: java/sql-injection -- the helper in another file returns a constant
            st.execute(Helpers.constantSql(p));
            // ruleid: java/sql-injection
            st.execute(Helpers.wrap(p));
            // ruleid: java/sql-injection
            st.execute("SELECT * FROM t WHERE id=" + Helpers.readId(request));
            // ok: java/sql-injection -- the helper parses a number
            st.execute("SELECT * FROM t WHERE id=" + Helpers.quoteNumber(p));
            new Dao(connection).find(p);
            new Dao(connection).findSafe(p);
        } catch (SQLException e) {
            response.sendError(500);
        }
    }
}
