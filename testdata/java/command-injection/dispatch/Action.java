package fixtures.cmd.dispatch;

import java.io.IOException;

/** An abstract base with a good and a bad override: calls resolve by the allocated class. */
public abstract class Action {
    abstract void run(String data) throws IOException;
}
