package fixtures.xfile;

import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServletRequest;

class TokenUser {
    private final TokenSource tokens = new TokenSource();

    void store(HttpServletRequest request) {
        // ruleid: java/insecure-random -- the other file's method returns a java.util.Random value
        request.getSession().setAttribute("csrf", tokens.next());
    }

    void query(Statement s) throws SQLException {
        // ok: java/sql-injection -- a random number from another file is not user input
        s.executeQuery("SELECT * FROM t WHERE k = '" + tokens.next() + "'").close();
    }
}
