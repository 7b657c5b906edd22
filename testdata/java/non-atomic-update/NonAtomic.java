import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

class NonAtomic {
    private volatile int hits;
    private volatile long total;
    private volatile boolean stopped;
    private int plain;
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicLong max = new AtomicLong();

    void volatiles(long n) {
        // ruleid: java/non-atomic-update
        hits++;
        // ruleid: java/non-atomic-update
        total += n;
        // ruleid: java/non-atomic-update
        this.total = this.total + 1;
        // ok: java/non-atomic-update -- a plain write of a volatile flag
        stopped = true;
        // ok: java/non-atomic-update -- not volatile (no visibility promised either way)
        plain++;
    }

    synchronized void locked() {
        // ok: java/non-atomic-update -- under the object's lock
        hits++;
    }

    void atomics(long seen) {
        // ruleid: java/non-atomic-update
        counter.set(counter.get() + 1);
        int current = counter.get();
        // ruleid: java/non-atomic-update
        counter.set(current * 2);
        if (max.get() < seen) {
            // ruleid: java/non-atomic-update
            max.set(seen);
        }
        // ok: java/non-atomic-update -- atomic update
        counter.incrementAndGet();
        // ok: java/non-atomic-update -- atomic max
        max.accumulateAndGet(seen, Math::max);
        // ok: java/non-atomic-update -- a reset does not depend on the old value
        counter.set(0);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    void explicitLocks(long n) {
        lock.lock();
        try {
            // ok: java/non-atomic-update -- the ReentrantLock is held (lock(); try { .. } finally { unlock(); })
            hits++;
        } finally {
            lock.unlock();
        }
        rw.writeLock().lock();
        try {
            if (n > 0) {
                // ok: java/non-atomic-update -- the write lock is held
                total += n;
            }
        } finally {
            rw.writeLock().unlock();
        }
        if (lock.tryLock()) {
            try {
                // ok: java/non-atomic-update -- only when tryLock succeeded
                counter.set(counter.get() + 1);
            } finally {
                lock.unlock();
            }
        }
    }

    void forgotTheLock() {
        try {
            // ruleid: java/non-atomic-update
            hits--;
        } finally {
            lock.unlock();
        }
    }
}
