package fixtures.sql;

import java.sql.Statement;
import org.springframework.jdbc.core.JdbcTemplate;

public class DbHelper {
    public static JdbcTemplate template = new JdbcTemplate();
    private static Statement statement;

    public static Statement getStatement() {
        return statement;
    }
}
