import java.util.ArrayList;
import java.util.List;

class SyncOnField {
    private List<String> buffer = new ArrayList<>();
    private final Object lock = new Object();
    private final Integer count = 0;
    private final String name = "name";
    private final List<String> items = new ArrayList<>();

    void flush() {
        // ruleid: java/sync-on-mutable-field
        synchronized (buffer) {
            buffer = new ArrayList<>();
        }
    }

    void boxed() {
        // ruleid: java/sync-on-mutable-field
        synchronized (count) {
            items.clear();
        }
    }

    void string() {
        // ruleid: java/sync-on-mutable-field
        synchronized (name) {
            items.clear();
        }
        // ruleid: java/sync-on-mutable-field
        synchronized ("literal") {
            items.clear();
        }
    }

    void klass() {
        // ruleid: java/sync-on-mutable-field
        synchronized (getClass()) {
            items.clear();
        }
    }

    private List<String> neverReassigned = new ArrayList<>();

    void stable() {
        // ok: java/sync-on-mutable-field -- not final, but no method ever reassigns it
        synchronized (neverReassigned) {
            neverReassigned.clear();
        }
    }

    void fine(List<String> param) {
        // ok: java/sync-on-mutable-field -- a private final lock object
        synchronized (lock) {
            buffer = new ArrayList<>();
        }
        // ok: java/sync-on-mutable-field -- a final field
        synchronized (items) {
            items.clear();
        }
        // ok: java/sync-on-mutable-field -- the class literal is one object
        synchronized (SyncOnField.class) {
            items.clear();
        }
        // ok: java/sync-on-mutable-field -- a parameter, not a field
        synchronized (param) {
            param.clear();
        }
        List<String> buffer = param;
        // ok: java/sync-on-mutable-field -- a local that shadows the field
        synchronized (buffer) {
            buffer.clear();
        }
    }
}
