package fixtures.jdbc.xfile;

import java.io.InputStream;
import javax.sql.DataSource;

/** Declares, in its own file, the types that the leak analysis of Reader.java needs. */
public class Repository {
    public DataSource dataSource;

    /** A stream the repository owns. */
    public InputStream shared;

    public DataSource dataSource() {
        return dataSource;
    }

    public String name() {
        return "repository";
    }
}
