package fixtures.sql;

import org.springframework.jdbc.core.JdbcTemplate;

/** The application's own template: a subclass of a modelled type declared in another file. */
public class AppJdbcTemplate extends JdbcTemplate {
    public int touch(String table) {
        return 0;
    }
}
