package fixtures.sql.other;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class BankServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Statement st = new Statement();
        // ok: java/sql-injection -- fixtures.sql.other.Statement, not java.sql.Statement
        st.executeQuery(request.getParameter("filter"));
        java.sql.Statement real = null;
        try {
            // ruleid: java/sql-injection
            real.executeQuery("SELECT * FROM t WHERE f='" + request.getParameter("filter") + "'");
        } catch (java.sql.SQLException e) {
            response.sendError(500);
        }
    }
}
