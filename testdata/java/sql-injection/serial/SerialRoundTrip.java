package fixtures.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import javax.servlet.http.HttpServletRequest;

// A value serialized to bytes and read back is the same value: it keeps its taint.
public class SerialRoundTrip {
    private Connection conn;

    void objectStreams(HttpServletRequest request) throws IOException, ClassNotFoundException, SQLException {
        String name = request.getParameter("name");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bytes);
        out.writeObject(name);
        out.close();
        // ok: java/unsafe-deserialization -- the bytes are this program's own serialization of a String
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        String back = (String) in.readObject();
        // ruleid: java/sql-injection -- the parameter, serialized and read back
        conn.createStatement().executeQuery("SELECT * FROM t WHERE name = '" + back + "'");
    }

    void tryWithResources(HttpServletRequest request) throws IOException, ClassNotFoundException, SQLException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(buf)) {
            oos.writeObject(request.getHeader("X-Id"));
        }
        byte[] raw = buf.toByteArray();
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(raw))) {
            Object o = ois.readObject();
            // ruleid: java/sql-injection -- through the serialized bytes
            conn.prepareStatement("DELETE FROM t WHERE id = " + o.toString());
        }
    }

    void dataStreams(HttpServletRequest request) throws IOException, SQLException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        out.writeUTF(request.getParameter("q"));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buf.toByteArray()));
        String q = in.readUTF();
        // ruleid: java/sql-injection -- writeUTF/readUTF round trip
        conn.createStatement().execute("SELECT " + q);
    }

    void rawBytes(HttpServletRequest request) throws IOException, SQLException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        buf.write(request.getParameter("q").getBytes());
        String q = new String(buf.toByteArray());
        // ruleid: java/sql-injection -- written to the byte buffer and decoded
        conn.createStatement().execute("SELECT " + q);
    }

    void constantSerialized(HttpServletRequest request) throws IOException, ClassNotFoundException, SQLException {
        String name = request.getParameter("name");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bytes);
        out.writeObject("users");
        out.close();
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        String table = (String) in.readObject();
        // ok: java/sql-injection -- only a constant was serialized (the parameter was never written)
        conn.createStatement().executeQuery("SELECT * FROM " + table);
        // ok: java/sql-injection -- bound as a parameter
        conn.prepareStatement("SELECT * FROM t WHERE name = ?").setString(1, name);
    }

    void otherBuffer(HttpServletRequest request) throws IOException, ClassNotFoundException, SQLException {
        ByteArrayOutputStream tainted = new ByteArrayOutputStream();
        ByteArrayOutputStream clean = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(tainted);
        out.writeObject(request.getParameter("name"));
        ObjectOutputStream out2 = new ObjectOutputStream(clean);
        out2.writeObject("fixed");
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(clean.toByteArray()));
        // ok: java/sql-injection -- read from the other buffer, which holds only a constant
        conn.createStatement().executeQuery("SELECT * FROM " + in.readObject());
    }

    void numberSerialized(HttpServletRequest request) throws IOException, ClassNotFoundException, SQLException {
        int id = Integer.parseInt(request.getParameter("id"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bytes);
        out.writeObject(Integer.valueOf(id));
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        // ok: java/sql-injection -- a parsed integer was serialized
        conn.createStatement().executeQuery("SELECT * FROM t WHERE id = " + in.readObject());
    }
}
