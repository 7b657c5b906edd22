package fixtures.sql;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class FieldFlow extends HttpServlet {
    private Connection connection;
    private String lastFilter;
    private String table = "accounts";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        lastFilter = request.getParameter("filter");
        try {
            runFilter();
            runTable();
        } catch (SQLException e) {
            response.sendError(500);
        }
    }

    private void runFilter() throws SQLException {
        // ruleid: java/sql-injection
        connection.createStatement().execute("SELECT * FROM t WHERE " + this.lastFilter);
    }

    private void runTable() throws SQLException {
        // ok: java/sql-injection -- the field only ever holds a constant
        connection.createStatement().execute("SELECT * FROM " + table);
    }

    void local(HttpServletRequest request) throws SQLException {
        this.table = "audit";
        String t = this.table;
        // ok: java/sql-injection -- assigned a constant just before, in this method
        connection.createStatement().execute("SELECT * FROM " + t);
    }
}
