package fixtures.leak.project;

import java.io.FileInputStream;
import java.io.IOException;

/** Leaks that only the project's facts decide: branches on another file's boolean constants. */
public class ConstantBranches {
    void probe(String name) throws IOException {
        // ok: java/resource-leak -- the constant branch always closes
        FileInputStream in = new FileInputStream(name);
        if (LogFiles.CLOSE_EAGERLY) {
            in.close();
        }
    }

    void probeKept(String name) throws IOException {
        // ruleid: java/resource-leak
        FileInputStream in = new FileInputStream(name);
        if (LogFiles.KEEP_OPEN) {
            in.close();
        }
    }
}
