package fixtures.cmd.dispatch;

import java.io.IOException;

public class ShellJob implements Job {
    @Override
    public void start(String arg) throws IOException {
        // ruleid: java/command-injection
        Runtime.getRuntime().exec("sh -c " + arg);
    }
}
