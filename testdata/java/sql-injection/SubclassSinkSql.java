package fixtures.sql;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The sink is a method inherited by a class of the scanned code (its supertype is in another file). */
public class SubclassSinkSql extends HttpServlet {
    private final AppJdbcTemplate jdbc = new AppJdbcTemplate();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String id = request.getParameter("id");
        // ruleid: java/sql-injection
        jdbc.update("DELETE FROM carts WHERE id = " + id);
        // ok: java/sql-injection -- bound argument
        jdbc.update("DELETE FROM carts WHERE id = ?", id);
        // ok: java/sql-injection -- the application's own method, not a sink
        jdbc.touch(id);
    }
}
