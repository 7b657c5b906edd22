import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

class EmptyCatchCases {
    void load(Properties p, InputStream in) {
        try {
            p.load(in);
        // ruleid: java/empty-catch
        } catch (IOException e) {
        }
        try {
            p.load(in);
        // ok: java/empty-catch -- the comment says why
        } catch (IOException e) {
            // defaults are fine when the file is unreadable
        }
        try {
            in.close();
        // ok: java/empty-catch -- named `ignored` by convention
        } catch (IOException ignored) {
        }
        try { in.close(); } catch (IOException e) { } // ok: java/empty-catch -- best-effort close

        try {
            p.load(in);
        // ok: java/empty-catch -- handled
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) { } // ruleid: java/empty-catch, java/interrupted-exception-swallowed
    }
}
