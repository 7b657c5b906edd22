package fixtures.path;

import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringFiles {
    private final Path root = Path.of("/srv/uploads");

    public byte[] download(@PathVariable String name) throws IOException {
        // ruleid: java/path-traversal
        return Files.readAllBytes(root.resolve(name));
    }

    public void upload(@RequestHeader("X-Name") String name, String body) throws IOException {
        String file = UUID.randomUUID().toString();
        // ok: java/path-traversal -- a generated name
        try (FileWriter w = new FileWriter(new File("/srv/uploads", file))) {
            w.write(body);
        }
        // ruleid: java/path-traversal
        try (FileWriter w = new FileWriter("/srv/uploads/" + name)) {
            w.write(body);
        }
    }

    public void byId(@PathVariable String id) throws IOException {
        UUID u = UUID.fromString(id);
        // ok: java/path-traversal -- parsed as a UUID
        Files.deleteIfExists(root.resolve(u + ".bin"));
    }

    public void notAnnotated(String name) throws IOException {
        // ok: java/path-traversal -- no untrusted source reaches this parameter
        Files.deleteIfExists(root.resolve(name));
    }
}
