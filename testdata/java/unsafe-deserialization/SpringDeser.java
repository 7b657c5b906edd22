package fixtures.deser;

import com.thoughtworks.xstream.XStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringDeser {
    private final XStream xstream = new XStream();

    @PostMapping("/import")
    public Object importData(@RequestBody String body, @RequestHeader("X-State") String state)
            throws IOException, ClassNotFoundException {
        byte[] raw = Base64.getDecoder().decode(state);
        // ruleid: java/unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw));
        Object o = in.readObject();
        // ruleid: java/unsafe-deserialization
        xstream.fromXML(body);
        // ruleid: java/resource-leak
        InputStream defaults = SpringDeser.class.getResourceAsStream("/defaults.bin");
        // ok: java/unsafe-deserialization -- a resource bundled with the application
        new ObjectInputStream(defaults).readObject();
        return o;
    }
}
