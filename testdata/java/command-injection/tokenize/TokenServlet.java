package fixtures.tokenize;

import java.io.IOException;
import java.util.Map;
import java.util.StringTokenizer;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class TokenServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String q = request.getQueryString();
        // ruleid: java/command-injection -- StringTokenizer loop in a helper of another file
        Runtime.getRuntime().exec(QueryParser.value(q, "cmd"));
        // ruleid: java/command-injection -- split loop in a helper of another file
        Runtime.getRuntime().exec(QueryParser.splitValue(q, "cmd"));
        Map<String, String> params = QueryParser.all(q);
        // ruleid: java/command-injection -- a map filled by the helper
        Runtime.getRuntime().exec(params.get("cmd"));
        // ok: java/command-injection -- a count is a number
        Runtime.getRuntime().exec("sleep " + QueryParser.count(q));
        // ok: java/command-injection -- the helper returns constants only
        Runtime.getRuntime().exec("echo " + QueryParser.presence(q, "cmd"));
        // ok: java/command-injection -- one of three constant commands
        Runtime.getRuntime().exec(QueryParser.knownCommand(q));
        // ruleid: java/command-injection -- the helper of this file
        Runtime.getRuntime().exec(lastToken(q));
        // ok: java/command-injection -- the local helper returns the number of tokens
        Runtime.getRuntime().exec("sleep " + tokens(q));
        StringTokenizer st = new StringTokenizer(q, "&");
        String last = "";
        while (st.hasMoreTokens()) {
            last = st.nextToken();
        }
        // ruleid: java/command-injection -- the same loop written inline
        Runtime.getRuntime().exec(last);
    }

    private static String lastToken(String query) {
        StringTokenizer st = new StringTokenizer(query, "&=");
        String last = "";
        while (st.hasMoreElements()) {
            last = (String) st.nextElement();
        }
        return last;
    }

    private static String tokens(String query) {
        return Integer.toString(new StringTokenizer(query, "&").countTokens());
    }
}
