package fixtures.deser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import javax.servlet.http.HttpServletRequest;

// Bytes collected in memory before they are deserialized: the request body is still a payload, the
// program's own serialization of a value is not.
public class BufferedDeser {
    Object body(HttpServletRequest request) throws IOException, ClassNotFoundException {
        InputStream in = request.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(in.readAllBytes());
        // ruleid: java/unsafe-deserialization -- the raw request body, buffered first
        return new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray())).readObject();
    }

    Object mixed(HttpServletRequest request) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(request.getInputStream().readAllBytes());
        ObjectOutputStream out = new ObjectOutputStream(buf);
        out.writeObject(request.getParameter("note"));
        // ruleid: java/unsafe-deserialization -- raw request bytes are still in the buffer
        return new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray())).readObject();
    }

    Object ownCopy(HttpServletRequest request) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(request.getParameter("note"));
        }
        // ok: java/unsafe-deserialization -- a String this program serialized itself
        return new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray())).readObject();
    }
}
