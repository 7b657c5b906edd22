package fixtures.sql;

import javax.servlet.http.HttpServletRequest;

public class Helpers {
    public static String constantSql(String input) {
        return "SELECT * FROM fixed";
    }

    public static String wrap(String input) {
        return "SELECT * FROM t WHERE c='" + input + "'";
    }

    public static String readId(HttpServletRequest request) {
        return request.getParameter("id");
    }

    public static String quoteNumber(String input) {
        return String.valueOf(Long.parseLong(input));
    }
}
