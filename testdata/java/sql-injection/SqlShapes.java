package fixtures.sqlshapes;

import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/** The input reaches the query through the many shapes Java code gives a string. */
class SqlShapes {
    private Connection conn;

    void run(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            // ruleid: java/sql-injection -- exec() passes a query built from input
            s.execute(sql);
        }
    }

    void exec(Statement s, HttpServletRequest request) throws SQLException, IOException {
        String a = request.getParameter("a");
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE a = '".concat(a).concat("'"));
        // ruleid: java/sql-injection
        s.execute(String.join("", "SELECT * FROM t WHERE a = '", a, "'"));
        // ruleid: java/sql-injection
        s.execute(MessageFormat.format("SELECT * FROM t WHERE a = ''{0}''", a));
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE a = '%s'".formatted(a));
        StringBuilder sb = new StringBuilder("' ORDER BY id");
        sb.insert(0, a).insert(0, "SELECT * FROM t WHERE a = '");
        // ruleid: java/sql-injection
        s.execute(sb.toString());
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE a = '" + Optional.ofNullable(a).orElse("x") + "'");

        String[] values = request.getParameterValues("v");
        // ruleid: java/sql-injection, java/null-dereference-of-source
        s.execute("SELECT * FROM t WHERE v = '" + values[0] + "'");
        Map<String, String[]> params = request.getParameterMap();
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE m = '" + params.get("m")[0] + "'");
        Enumeration<String> headers = request.getHeaders("X-Tag");
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE tag = '" + headers.nextElement() + "'");
        Cookie[] cookies = request.getCookies();
        // ruleid: java/sql-injection, java/null-dereference-of-source
        s.execute("SELECT * FROM t WHERE c = '" + cookies[0].getValue() + "'");
        BufferedReader body = request.getReader();
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE b = '" + body.readLine() + "'");
        Enumeration<String> names = request.getParameterNames();
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE n = '" + names.nextElement() + "'");
        List<String> list = new ArrayList<>();
        list.add("safe");
        list.add(a);
        // ruleid: java/sql-injection
        s.execute("SELECT * FROM t WHERE l = '" + list.get(1) + "'");
        // ok: java/sql-injection -- the constant element
        s.execute("SELECT * FROM t WHERE l = '" + list.get(0) + "'");
        String choice = 7 * 18 - 106 > 200 ? a : "fixed";
        // ok: java/sql-injection -- the condition is constant: the input branch is dead
        s.execute("SELECT * FROM t WHERE c = '" + choice + "'");
        String viaHelper = "SELECT * FROM t WHERE h = '" + a + "'";
        // reported at its sink in run()
        run(viaHelper);
        // ok: java/sql-injection -- the helper receives a constant
        run("SELECT 1");
    }
}
