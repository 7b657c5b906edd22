package fixtures.cmd.dispatch;

import java.io.IOException;

public class GoodAction extends Action {
    @Override
    void run(String data) throws IOException {
        // ok: java/command-injection -- the data is not used in the command
        Runtime.getRuntime().exec(new String[] {"logger", "event"});
    }
}
