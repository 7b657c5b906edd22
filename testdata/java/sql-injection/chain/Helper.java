package fixtures.sql.chain;

public class Helper {
    static String wrap(String s) {
        return "[" + s + "]";
    }
}
