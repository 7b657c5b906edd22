package fixtures.deser;

import com.thoughtworks.xstream.XStream;
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletDeser extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java/unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        try {
            in.readObject();
        } catch (ClassNotFoundException e) {
            response.sendError(400);
        }
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        byte[] data = request.getParameter("d").getBytes();
        // ruleid: java/unsafe-deserialization
        new XMLDecoder(new ByteArrayInputStream(data)).readObject();
        // ruleid: java/unsafe-deserialization
        new XStream().fromXML(request.getParameter("xml"));
        // ok: java/unsafe-deserialization -- a local file the application wrote
        // ruleid: java/resource-leak-on-exception
        ObjectInputStream local = new ObjectInputStream(new FileInputStream("/var/app/cache.bin"));
        local.close();
        // ok: java/unsafe-deserialization -- constant document
        new XStream().fromXML("<list/>");
    }
}
