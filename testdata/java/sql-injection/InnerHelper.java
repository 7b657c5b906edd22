package fixtures.sql;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Enumeration;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class InnerHelper extends HttpServlet {
    private Connection connection;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("X-Id");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        String bar = new Test().doSomething(param);
        String safe = new Test().doNothing(param);
        try {
            // ruleid: java/sql-injection
            connection.createStatement().execute("SELECT * FROM t WHERE c='" + bar + "'");
            // ok: java/sql-injection -- the inner helper returns a constant
            connection.createStatement().execute("SELECT * FROM t WHERE c='" + safe + "'");
        } catch (SQLException e) {
            response.sendError(500);
        }
    }

    void names(HttpServletRequest request) throws SQLException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("q")) {
                param = name;
                break;
            }
        }
        // ruleid: java/sql-injection
        connection.createStatement().execute("SELECT " + param);
    }

    void labeled(HttpServletRequest request) throws SQLException {
        String found = "none";
        outer:
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i == j) {
                    found = "diag";
                    break outer;
                }
            }
        }
        // ok: java/sql-injection -- only constants assigned
        connection.createStatement().execute("SELECT '" + found + "'");
    }

    void finallyOverwrite(HttpServletRequest request) throws SQLException {
        String q = request.getParameter("q");
        try {
            q = q.trim();
        } finally {
            q = "SELECT 1";
        }
        // ok: java/sql-injection -- the finally block overwrites the value
        connection.createStatement().execute(q);
    }

    private class Test {
        String doSomething(String param) {
            String bar = "safe!";
            java.util.HashMap<String, Object> map = new java.util.HashMap<String, Object>();
            map.put("keyA", "a-Value");
            map.put("keyB", param);
            map.put("keyC", "another-Value");
            bar = (String) map.get("keyB");
            return bar;
        }

        String doNothing(String param) {
            String bar = "safe!";
            java.util.HashMap<String, Object> map = new java.util.HashMap<String, Object>();
            map.put("keyA", "a-Value");
            map.put("keyB", param);
            bar = (String) map.get("keyA");
            return bar;
        }
    }
}
