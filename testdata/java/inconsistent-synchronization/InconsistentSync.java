import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class InconsistentSync {
    private int count;
    private final List<String> items = new ArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile boolean closed;
    private String name;

    InconsistentSync(String name) {
        // ok: java/inconsistent-synchronization -- the constructor runs before the object is shared
        this.count = 0;
        this.name = name;
    }

    synchronized void increment() {
        count++;
        items.add("x");
        hits.incrementAndGet();
        closed = false;
    }

    void reset() {
        // ruleid: java/inconsistent-synchronization
        count = 0;
        // ok: java/inconsistent-synchronization -- atomic field
        hits.set(0);
        // ok: java/inconsistent-synchronization -- volatile flag
        closed = true;
        // ok: java/inconsistent-synchronization -- never written under a lock
        name = "reset";
    }

    void append(String s) {
        // ruleid: java/inconsistent-synchronization
        items.add(s);
    }

    void appendLocked(String s) {
        synchronized (this) {
            // ok: java/inconsistent-synchronization -- under the lock
            items.add(s);
        }
    }

    private void helper() {
        // ok: java/inconsistent-synchronization -- a private helper, called with the lock held
        count--;
    }

    synchronized void useHelper() {
        helper();
    }

    String name() {
        return name;
    }
}
