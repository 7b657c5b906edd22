package fixtures.leaks;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/** Callers that hold a lock while calling a method of the same object that lets the lock go. */
public class ReleasingCallees {
    private final ReentrantLock guard = new ReentrantLock();
    private final ReentrantLock outer = new ReentrantLock();
    private Object[] items = new Object[8];
    private int count;
    private volatile boolean resizing;

    // Called with `guard` held. Lets it go before anything that can throw and takes it back on the
    // normal path only: an exception out of it leaves the caller's lock released.
    private void enlarge(Object[] old) {
        guard.unlock(); // other threads may take and add while the copy is made
        Object[] bigger = null;
        if (!resizing) {
            resizing = true;
            try {
                bigger = Arrays.copyOf(old, old.length * 2);
            } finally {
                resizing = false;
            }
        }
        if (bigger == null)
            Thread.yield();
        // ok: java/lock-not-released -- the caller's hold, given back
        guard.lock();
        if (bigger != null && items == old)
            items = bigger;
    }

    void append(Object x) {
        final ReentrantLock g = this.guard;
        // ok: java/lock-not-released -- `enlarge` can only throw once it has let the lock go
        g.lock();
        while (count >= items.length)
            enlarge(items);
        try {
            items[count] = Objects.requireNonNull(x);
            count++;
        } finally {
            g.unlock();
        }
    }

    void appendOnce(Object x) {
        // ok: java/lock-not-released -- the same through `this.`, then a release in a finally
        guard.lock();
        if (count >= items.length)
            this.enlarge(items);
        try {
            items[count++] = x;
        } finally {
            guard.unlock();
        }
    }

    // Takes the lock back in a finally: its exception leaves with the lock held again.
    private Object[] enlargeRestoring(Object[] old) {
        guard.unlock();
        try {
            return Arrays.copyOf(old, old.length * 2);
        } finally {
            // ok: java/lock-not-released -- the caller's hold, given back
            guard.lock();
        }
    }

    void appendAfterRestoring(Object x) {
        // ruleid: java/lock-not-released -- `enlargeRestoring` rethrows with the lock taken back
        guard.lock();
        if (count >= items.length)
            items = enlargeRestoring(items);
        items[count++] = x;
        guard.unlock();
    }

    // Can throw before it lets the lock go.
    private void enlargeChecked(Object[] old, int extra) {
        if (extra < 0)
            throw new IllegalArgumentException("extra < 0");
        guard.unlock();
        Object[] bigger = Arrays.copyOf(old, old.length + extra);
        // ok: java/lock-not-released -- the caller's hold, given back
        guard.lock();
        items = bigger;
    }

    void appendChecked(Object x, int extra) {
        // ruleid: java/lock-not-released -- `enlargeChecked` can throw while the lock is still held
        guard.lock();
        enlargeChecked(items, extra);
        items[count++] = x;
        guard.unlock();
    }

    private void store(Object x) {
        items[count++] = Objects.requireNonNull(x);
    }

    void appendThroughHelper(Object x) {
        // ruleid: java/lock-not-released -- `store` never lets the lock go: it throws with it held
        guard.lock();
        store(x);
        guard.unlock();
    }

    void appendUnderTwoLocks(Object x) {
        // ruleid: java/lock-not-released -- `enlarge` lets go of `guard` only: `outer` stays held
        outer.lock();
        // ok: java/lock-not-released -- released in finally
        guard.lock();
        try {
            if (count >= items.length)
                enlarge(items);
            items[count++] = x;
        } finally {
            guard.unlock();
        }
        outer.unlock();
    }

    /** A part with a lock of its own. */
    static final class Slab {
        final ReentrantLock lock = new ReentrantLock();
        Object[] cells = new Object[4];

        // Called with `lock` held.
        void widen() {
            lock.unlock();
            Object[] wider = Arrays.copyOf(cells, cells.length * 2);
            // ok: java/lock-not-released -- the caller's hold, given back
            lock.lock();
            cells = wider;
        }
    }

    private final Slab slab = new Slab();

    void putInSlab(Object x, int i) {
        // ok: java/lock-not-released -- `slab.widen()` lets go of `slab.lock` before it can throw
        slab.lock.lock();
        if (i >= slab.cells.length)
            slab.widen();
        try {
            slab.cells[i] = x;
        } finally {
            slab.lock.unlock();
        }
    }

    void putInSlabHoldingGuard(Object x, int i) {
        // ruleid: java/lock-not-released -- `slab.widen()` lets go of the slab's lock, not this one
        guard.lock();
        if (i >= slab.cells.length)
            slab.widen();
        slab.cells[i] = x;
        guard.unlock();
    }
}
