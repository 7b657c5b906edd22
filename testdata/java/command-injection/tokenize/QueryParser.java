package fixtures.tokenize;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.StringTokenizer;

// Helpers that parse a raw query string (`a=1&b=2`) with StringTokenizer or split.
public final class QueryParser {
    private QueryParser() {}

    /** The value of `key` in the query string, decoded. */
    public static String value(String query, String key) throws UnsupportedEncodingException {
        StringTokenizer st = new StringTokenizer(query, "&");
        while (st.hasMoreTokens()) {
            String token = st.nextToken();
            int eq = token.indexOf('=');
            if (eq > 0 && token.substring(0, eq).equals(key)) {
                return URLDecoder.decode(token.substring(eq + 1), "UTF-8");
            }
        }
        return null;
    }

    /** The same with split. */
    public static String splitValue(String query, String key) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals(key)) {
                return kv[1];
            }
        }
        return "";
    }

    /** Every parameter, by name. */
    public static Map<String, String> all(String query) {
        Map<String, String> out = new HashMap<>();
        StringTokenizer st = new StringTokenizer(query, "&");
        while (st.hasMoreTokens()) {
            String[] kv = st.nextToken().split("=");
            out.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return out;
    }

    /** How many parameters there are: a number. */
    public static int count(String query) {
        StringTokenizer st = new StringTokenizer(query, "&");
        return st.countTokens();
    }

    /** Whether the key is present; the value itself is not returned. */
    public static String presence(String query, String key) {
        StringTokenizer st = new StringTokenizer(query, "&");
        while (st.hasMoreTokens()) {
            if (st.nextToken().startsWith(key + "=")) {
                return "yes";
            }
        }
        return "no";
    }

    /** The first token if it is one of the known commands. */
    public static String knownCommand(String query) {
        StringTokenizer st = new StringTokenizer(query, "&");
        String first = st.hasMoreTokens() ? st.nextToken() : "";
        switch (first) {
            case "status":
                return "systemctl status app";
            case "restart":
                return "systemctl restart app";
            default:
                return "true";
        }
    }
}
