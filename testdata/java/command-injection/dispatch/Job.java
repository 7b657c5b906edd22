package fixtures.cmd.dispatch;

import java.io.IOException;

public interface Job {
    void start(String arg) throws IOException;
}
