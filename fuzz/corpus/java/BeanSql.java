package fixtures.sql;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class BeanSql extends HttpServlet {
    private Connection connection;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UserBean bean = new UserBean();
        bean.setName(request.getParameter("name"));
        bean.setAge(Integer.parseInt(request.getParameter("age")));
        UserBean clean = new UserBean();
        clean.setName("alice");
        try {
            // ruleid: java/sql-injection
            connection.createStatement().execute("SELECT * FROM u WHERE name='" + bean.getName() + "'");
            // ok: java/sql-injection -- an int getter
            connection.createStatement().execute("SELECT * FROM u WHERE age=" + bean.getAge());
            // ok: java/sql-injection -- a bean filled with constants only
            connection.createStatement().execute("SELECT * FROM u WHERE name='" + clean.getName() + "'");
            // ruleid: java/sql-injection
            connection.createStatement().execute("SELECT '" + bean.describe() + "'");
        } catch (SQLException e) {
            response.sendError(500);
        }
    }
}
