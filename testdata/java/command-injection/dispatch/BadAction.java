package fixtures.cmd.dispatch;

import java.io.IOException;

public class BadAction extends Action {
    @Override
    void run(String data) throws IOException {
        // ok: java/command-injection -- every caller allocates a GoodAction behind the base type
        Runtime.getRuntime().exec(data);
    }
}
