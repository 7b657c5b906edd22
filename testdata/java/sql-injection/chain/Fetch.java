package fixtures.sql.chain;

public class Fetch {
    static String fetch() {
        return Sources.viaTwo().trim();
    }
}
