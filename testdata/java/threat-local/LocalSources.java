package fixtures.threat.local;

import java.io.BufferedReader;
import java.io.Console;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Scanner;
import java.util.Set;

/**
 * Local input: untrusted only with the `local` threat model (`--threat-model local`). Each
 * `local-ruleid:` line is reported with it; with the default (`remote`) it is silent, as the `ok:`
 * line above it says. The harness of `tests/threat_models.rs` runs both.
 */
public class LocalSources {
    private static final Set<String> TABLES = Set.of("users", "orders");

    void environment() throws IOException {
        String cmd = System.getenv("BUILD_CMD");
        // ok: java/command-injection -- local threat model off: the environment is trusted
        Runtime.getRuntime().exec(cmd); // local-ruleid: java/command-injection
    }

    void systemProperty(String name) throws IOException {
        String dir = System.getProperty("upload.dir");
        // ok: java/path-traversal -- local threat model off: system properties are trusted
        // ruleid: java/resource-leak
        new FileInputStream(new File(dir, name)); // local-ruleid: java/path-traversal
    }

    void propertiesFile(Connection c) throws IOException, SQLException {
        Properties props = new Properties();
        // ruleid: java/resource-leak
        props.load(new FileInputStream("app.properties"));
        String table = props.getProperty("table");
        // ok: java/sql-injection -- local threat model off: the properties file is trusted
        c.createStatement().executeQuery("SELECT * FROM " + table); // local-ruleid: java/sql-injection
    }

    void fileLines(Path p, Connection c) throws IOException, SQLException {
        List<String> lines = Files.readAllLines(p);
        String first = lines.get(0);
        // ok: java/sql-injection -- local threat model off: file contents are trusted
        c.createStatement().execute("DELETE FROM t WHERE k = '" + first + "'"); // local-ruleid: java/sql-injection
    }

    void fileReader() throws IOException {
        // ruleid: java/resource-leak
        BufferedReader r = new BufferedReader(new FileReader("commands.txt"));
        String line = r.readLine();
        // ok: java/command-injection -- local threat model off: file contents are trusted
        new ProcessBuilder(line).start(); // local-ruleid: java/command-injection
    }

    void fileString(Path p) throws IOException {
        String script = Files.readString(p);
        // ok: java/command-injection -- local threat model off: file contents are trusted
        Runtime.getRuntime().exec(new String[] {"sh", "-c", script}); // local-ruleid: java/command-injection
    }

    void console(Connection c) throws SQLException {
        Console console = System.console();
        String user = console.readLine("user: ");
        // ok: java/sql-injection -- local threat model off: the console is trusted
        c.createStatement().executeQuery("SELECT * FROM u WHERE name = '" + user + "'"); // local-ruleid: java/sql-injection
    }

    void standardInputScanner(Connection c) throws SQLException {
        Scanner sc = new Scanner(System.in);
        String id = sc.nextLine();
        // ok: java/sql-injection -- local threat model off: standard input is trusted
        c.createStatement().executeQuery("SELECT * FROM t WHERE id = '" + id + "'"); // local-ruleid: java/sql-injection
    }

    void standardInputReader() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String cmd = in.readLine();
        // ok: java/command-injection -- local threat model off: standard input is trusted
        Runtime.getRuntime().exec(cmd); // local-ruleid: java/command-injection
    }

    void databaseValue(Connection c) throws SQLException {
        ResultSet rs = c.createStatement().executeQuery("SELECT path FROM jobs");
        while (rs.next()) {
            String path = rs.getString("path");
            // ok: java/path-traversal -- local threat model off: database values are trusted
            // ruleid: java/ignored-return-value
            new File(path).delete(); // local-ruleid: java/path-traversal
        }
    }

    public static void main(String[] args) throws IOException {
        // ok: java/command-injection -- local threat model off: the command line is trusted
        Runtime.getRuntime().exec(args[0]); // local-ruleid: java/command-injection
    }

    // ----- negatives with either threat model -----

    void portNumber(Connection c) throws SQLException {
        int port = Integer.parseInt(System.getenv("PORT"));
        // ok: java/sql-injection -- parsed as an int
        c.createStatement().executeQuery("SELECT * FROM ports WHERE p = " + port);
    }

    void allowListedTable(Connection c) throws IOException, SQLException {
        Properties props = new Properties();
        // ruleid: java/resource-leak
        props.load(new FileInputStream("app.properties"));
        String table = props.getProperty("table");
        if (TABLES.contains(table)) {
            // ok: java/sql-injection -- checked against an allow-list
            c.createStatement().executeQuery("SELECT * FROM " + table);
        }
    }

    void databaseNumber(Connection c) throws SQLException {
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM jobs");
        rs.next();
        int id = rs.getInt(1);
        // ok: java/sql-injection -- an int column
        c.createStatement().executeQuery("SELECT * FROM t WHERE id = " + id);
    }

    void environmentIgnored(Connection c) throws SQLException {
        String unused = System.getenv("HOME");
        String q = "SELECT 1";
        // ok: java/sql-injection -- the query is a constant
        c.createStatement().executeQuery(q);
    }

    void lengthOfLine(Connection c) throws SQLException {
        int n = new Scanner(System.in).nextLine().length();
        // ok: java/sql-injection -- only the length is used
        c.createStatement().executeQuery("SELECT * FROM t LIMIT " + n);
    }

    void fileNameOnly() throws IOException {
        String dir = System.getProperty("java.io.tmpdir");
        // ok: java/path-traversal -- local threat model off: system properties are trusted
        // ruleid: java/resource-leak
        new FileInputStream(new File(dir, "cache.bin")); // local-ruleid: java/path-traversal
    }

    static void notMain(String[] args) throws IOException {
        // ok: java/command-injection -- not the entry point (two-argument main is not `main`)
        Runtime.getRuntime().exec(args[0]);
    }

    public static void main(String[] args, int extra) throws IOException {
        // ok: java/command-injection -- not the entry point: main takes one String[]
        Runtime.getRuntime().exec(args[0]);
    }
}
