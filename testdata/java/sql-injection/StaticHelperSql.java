package fixtures.sql;

import java.io.IOException;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class StaticHelperSql extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String sql = "UPDATE users SET seen = 1 WHERE name = '" + name + "'";
        // ruleid: java/sql-injection
        DbHelper.template.update(sql);
        // ok: java/sql-injection -- bound argument
        DbHelper.template.update("UPDATE users SET seen = 1 WHERE name = ?", name);
        try {
            // ruleid: java/sql-injection
            DbHelper.getStatement().executeUpdate(sql);
        } catch (SQLException e) {
            response.sendError(500);
        }
    }
}
