package fixtures.leak.project;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * A leak that only the project's facts decide: `PrintWriter(String)` opens a file, and the
 * argument's type comes from another file's method.
 */
public class UsesLogFiles {
    void audit(String line) throws IOException {
        // ruleid: java/resource-leak
        PrintWriter out = new PrintWriter(LogFiles.auditLog());
        out.println(line);
    }

    void auditClosed(String line) throws IOException {
        try (PrintWriter out = new PrintWriter(LogFiles.auditLog())) {
            // ok: java/resource-leak -- try-with-resources
            out.println(line);
        }
    }
}
