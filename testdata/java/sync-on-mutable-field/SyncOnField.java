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

class SyncOnDeserialized implements java.io.Serializable {
    private transient List<String> listeners = new ArrayList<>();
    private transient List<String> owned;
    private List<String> table;
    private List<String> swapped = new ArrayList<>();

    SyncOnDeserialized() {
        init();
    }

    private void init() {
        owned = new ArrayList<>();
    }

    private void readObject(java.io.ObjectInputStream in)
            throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        listeners = new ArrayList<>();
        init();
    }

    private List<String> table() {
        if (table == null) {
            table = new ArrayList<>();
        }
        return table;
    }

    void use(String s) {
        // ok: java/sync-on-mutable-field -- only reassigned by readObject, before the object is shared
        synchronized (listeners) {
            listeners.add(s);
        }
        // ok: java/sync-on-mutable-field -- only assigned by a helper that constructors and readObject call
        synchronized (owned) {
            owned.add(s);
        }
        // ok: java/sync-on-mutable-field -- lazily created once from null (which cannot be locked)
        synchronized (table()) {
            table.add(s);
        }
        // ok: java/sync-on-mutable-field -- lazily created once from null (which cannot be locked)
        synchronized (table) {
            table.add(s);
        }
        // ruleid: java/sync-on-mutable-field
        synchronized (swapped) {
            swapped.add(s);
        }
    }

    void reset() {
        // ruleid: java/inconsistent-synchronization
        swapped = new ArrayList<>();
    }
}
