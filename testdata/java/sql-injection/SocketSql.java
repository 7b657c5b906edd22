package fixtures.sql.remote;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Scanner;
import java.util.Set;
import java.util.StringTokenizer;

/** Network input (sockets, URL connections) is untrusted by default: the `remote` threat model. */
public class SocketSql {
    private static final Set<String> COLUMNS = Set.of("name", "created");

    void readLine(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        String id = in.readLine();
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t WHERE id = '" + id + "'");
    }

    void acceptedSocket(ServerSocket server, Connection c) throws IOException, SQLException {
        // ruleid: java/resource-leak
        Socket s = server.accept();
        Scanner sc = new Scanner(s.getInputStream(), "UTF-8");
        String name = sc.nextLine();
        // ruleid: java/sql-injection
        c.createStatement().execute("DELETE FROM t WHERE name = '" + name + "'");
    }

    void acceptChained(ServerSocket server, Connection c) throws IOException, SQLException {
        // ruleid: java/resource-leak
        String v = new BufferedReader(new InputStreamReader(server.accept().getInputStream())).readLine();
        // ruleid: java/sql-injection
        c.createStatement().execute("DELETE FROM t WHERE v = '" + v + "'");
    }

    void readFully(Socket socket, Connection c) throws IOException, SQLException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] buf = new byte[256];
        in.readFully(buf);
        String v = new String(buf, "UTF-8");
        // ruleid: java/sql-injection
        c.prepareStatement("SELECT * FROM t WHERE v = '" + v + "'");
    }

    void readIntoBuffer(Socket socket, Connection c) throws IOException, SQLException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[64];
        int n = in.read(buf);
        String v = new String(buf, 0, n);
        // ruleid: java/sql-injection
        c.createStatement().executeUpdate("UPDATE t SET v = '" + v + "'");
    }

    void httpUrlConnection(URL url, Connection c) throws IOException, SQLException {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        BufferedReader r = new BufferedReader(new InputStreamReader(conn.getInputStream()));
        String line = r.readLine();
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t WHERE x = '" + line + "'");
    }

    void urlOpenStream(URL url, Connection c) throws IOException, SQLException {
        // ruleid: java/resource-leak
        Scanner sc = new Scanner(url.openStream());
        String word = sc.next();
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t WHERE w = '" + word + "'");
    }

    void responseHeader(URLConnection conn, Connection c) throws SQLException {
        String etag = conn.getHeaderField("ETag");
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM cache WHERE etag = '" + etag + "'");
    }

    void tokenizedInline(Socket socket, Connection c) throws IOException, SQLException {
        String line = new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
        StringTokenizer st = new StringTokenizer(line, "&");
        String last = "";
        while (st.hasMoreTokens()) {
            last = st.nextToken();
        }
        // ruleid: java/sql-injection
        c.createStatement().executeQuery("SELECT * FROM t WHERE k = '" + last + "'");
    }

    // ----- negatives -----

    void parsedAsNumber(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        int id = Integer.parseInt(in.readLine());
        // ok: java/sql-injection -- parsed as an int
        c.createStatement().executeQuery("SELECT * FROM t WHERE id = " + id);
    }

    void prepared(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        String id = in.readLine();
        // ok: java/sql-injection -- a bound parameter
        PreparedStatement ps = c.prepareStatement("SELECT * FROM t WHERE id = ?");
        ps.setString(1, id);
        ps.executeQuery();
    }

    void allowListed(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        String col = in.readLine();
        if (!COLUMNS.contains(col)) {
            return;
        }
        // ok: java/sql-injection -- checked against an allow-list
        c.createStatement().executeQuery("SELECT * FROM t ORDER BY " + col);
    }

    void onlyTheLength(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        int n = in.readLine().length();
        // ok: java/sql-injection -- an int
        c.createStatement().executeQuery("SELECT * FROM t LIMIT " + n);
    }

    void overwritten(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        String v = in.readLine();
        v = "fixed";
        // ok: java/sql-injection -- overwritten with a constant
        c.createStatement().executeQuery("SELECT * FROM t WHERE v = '" + v + "'");
    }

    void responseCode(URL url, Connection c) throws IOException, SQLException {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        int code = conn.getResponseCode();
        // ok: java/sql-injection -- the status code is a number
        c.createStatement().executeQuery("SELECT * FROM codes WHERE code = " + code);
    }

    void outputOnly(Socket socket, Connection c) throws IOException, SQLException {
        socket.getOutputStream().write(1);
        String q = "SELECT 1";
        // ok: java/sql-injection -- nothing is read from the socket
        c.createStatement().executeQuery(q);
    }

    void deadBranch(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        String v = "a";
        if (false) {
            v = in.readLine();
        }
        // ok: java/sql-injection -- the read is dead code
        c.createStatement().executeQuery("SELECT * FROM t WHERE v = '" + v + "'");
    }

    void comparedToConstant(Socket socket, Connection c) throws IOException, SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        String v = in.readLine();
        if (v.equals("admin")) {
            // ok: java/sql-injection -- the value is the constant here
            c.createStatement().executeQuery("SELECT * FROM t WHERE role = '" + v + "'");
        }
    }
}
