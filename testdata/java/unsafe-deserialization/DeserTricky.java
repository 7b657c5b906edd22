package fixtures.deser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class DeserTricky extends HttpServlet {
    private static final byte[] EMPTY = new byte[0];

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        InputStream body = request.getInputStream();
        InputStream chosen = new ByteArrayInputStream(EMPTY);
        if ((3 * 3) - 10 > 0) {
            chosen = body;
        }
        // ok: java/unsafe-deserialization -- the request stream is only chosen in a dead branch
        new ObjectInputStream(chosen).close();

        Map<String, InputStream> streams = new HashMap<>();
        streams.put("upload", body);
        streams.put("defaults", new ByteArrayInputStream(EMPTY));
        // ok: java/unsafe-deserialization -- the "defaults" entry is a constant stream
        new ObjectInputStream(streams.get("defaults")).close();
        // ruleid: java/unsafe-deserialization
        new ObjectInputStream(streams.get("upload")).close();

        InputStream wrapped = new java.io.BufferedInputStream(request.getInputStream());
        // ruleid: java/unsafe-deserialization
        ObjectInputStream ois = new ObjectInputStream(wrapped);
        ois.close();

        int size = request.getContentLength();
        // ok: java/unsafe-deserialization -- only the (numeric) size of the request is used
        new ObjectInputStream(new ByteArrayInputStream(new byte[size])).close();
    }
}
