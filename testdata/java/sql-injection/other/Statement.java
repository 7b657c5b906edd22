package fixtures.sql.other;

/** An application class that happens to be called Statement (a bank statement). */
public class Statement {
    public String execute(String period) {
        return "statement for " + period;
    }

    public String executeQuery(String filter) {
        return "lines matching " + filter;
    }
}
