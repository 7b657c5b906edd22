package fixtures.leaks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

public class Locks {
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Lock plain = new ReentrantLock();
    private final Map<String, Integer> counts = new HashMap<>();

    void notInFinally(String key) {
        // ruleid: java/lock-not-released
        lock.lock();
        counts.merge(key, 1, Integer::sum);
        lock.unlock();
    }

    void inFinally(String key) {
        // ok: java/lock-not-released -- unlock in finally
        lock.lock();
        try {
            counts.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    void lockInsideTry(String key) {
        try {
            // ok: java/lock-not-released -- unlock in finally
            lock.lock();
            counts.remove(key);
        } finally {
            lock.unlock();
        }
    }

    int earlyReturn(String key) {
        // ruleid: java/lock-not-released
        lock.lock();
        try {
            Integer v = counts.get(key);
            if (v == null) {
                return 0;
            }
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        lock.unlock();
        return 1;
    }

    int returnInsideTryFinally(String key) {
        // ok: java/lock-not-released -- the finally runs before the return
        lock.lock();
        try {
            Integer v = counts.get(key);
            if (v == null) {
                return 0;
            }
            return v;
        } finally {
            lock.unlock();
        }
    }

    void localAlias(String key) {
        final ReentrantLock l = this.lock;
        // ok: java/lock-not-released -- unlock through the same local
        l.lock();
        try {
            counts.remove(key);
        } finally {
            l.unlock();
        }
    }

    void readLockReleased(String key) {
        // ok: java/lock-not-released -- read lock released in finally
        rw.readLock().lock();
        try {
            counts.get(key);
        } finally {
            rw.readLock().unlock();
        }
    }

    void writeLockNotReleased(String key) {
        // ruleid: java/lock-not-released
        rw.writeLock().lock();
        counts.put(key, 0);
        rw.writeLock().unlock();
    }

    void readWriteLockInterface(ReadWriteLock rwl, String key) {
        Lock w = rwl.writeLock();
        // ok: java/lock-not-released -- unlocked in finally
        w.lock();
        try {
            counts.put(key, 1);
        } finally {
            w.unlock();
        }
    }

    void tryLockHeld(String key) {
        // ok: java/lock-not-released -- held only when tryLock() returns true, released in finally
        if (plain.tryLock()) {
            try {
                counts.put(key, 2);
            } finally {
                plain.unlock();
            }
        }
    }

    void tryLockNegated(String key) {
        // ok: java/lock-not-released -- not held on the false branch
        if (!plain.tryLock()) {
            return;
        }
        try {
            counts.put(key, 3);
        } finally {
            plain.unlock();
        }
    }

    void tryLockLeaks(String key) {
        // ruleid: java/lock-not-released
        if (plain.tryLock()) {
            counts.put(key, 4);
            if (key.isEmpty()) {
                return;
            }
            plain.unlock();
        }
    }

    boolean tryLockTimeout(String key) throws InterruptedException {
        // ok: java/lock-not-released -- held only on the true branch, released in finally
        if (plain.tryLock(1, TimeUnit.SECONDS)) {
            try {
                counts.put(key, 5);
                return true;
            } finally {
                plain.unlock();
            }
        }
        return false;
    }

    void interruptibly(String key) throws InterruptedException {
        // ruleid: java/lock-not-released
        lock.lockInterruptibly();
        counts.put(key, 6);
        lock.unlock();
    }

    void interruptiblyFinally(String key) throws InterruptedException {
        // ok: java/lock-not-released -- released in finally
        lock.lockInterruptibly();
        try {
            counts.put(key, 7);
        } finally {
            lock.unlock();
        }
    }

    void acquireOnly() {
        // ok: java/lock-not-released -- a method that only acquires hands the lock to its caller
        lock.lock();
    }

    void releaseOnly() {
        lock.unlock();
    }

    void noCallInBetween() {
        // ok: java/lock-not-released -- nothing can throw between lock() and unlock()
        lock.lock();
        int n = counts == null ? 1 : 0;
        lock.unlock();
    }

    void branchForgetsUnlock(boolean fast, String key) {
        // ruleid: java/lock-not-released
        lock.lock();
        if (fast) {
            return;
        }
        try {
            counts.remove(key);
        } finally {
            lock.unlock();
        }
    }

    void unlockBothBranches(boolean a) {
        // ok: java/lock-not-released -- released on both branches, nothing throws while held
        lock.lock();
        if (a) {
            lock.unlock();
        } else {
            lock.unlock();
        }
    }

    void helperUnlocks(String key) {
        // ok: java/lock-not-released -- unlock in finally through a helper of this class
        lock.lock();
        try {
            counts.remove(key);
        } finally {
            release();
        }
    }

    private void release() {
        lock.unlock();
    }

    void lockInLoop(String[] keys) {
        for (String k : keys) {
            // ok: java/lock-not-released -- released in each iteration
            lock.lock();
            try {
                counts.remove(k);
            } finally {
                lock.unlock();
            }
        }
    }

    void twoLocksSecondLeaks(String key) {
        // ok: java/lock-not-released -- released in finally
        lock.lock();
        try {
            // ruleid: java/lock-not-released
            plain.lock();
            counts.remove(key);
            plain.unlock();
        } finally {
            lock.unlock();
        }
    }

    int returnInsideInnerFinally(String key, boolean closed) {
        // ok: java/lock-not-released -- the return in the inner finally runs the outer finally first
        lock.lock();
        try {
            int n = 0;
            try {
                n = counts.getOrDefault(key, 0);
                if (closed)
                    return -1;
            } finally {
                counts.remove(key);
                if (n <= 0 && closed)
                    // ruleid: java/return-in-finally -- also a finding of this rule (the example code does it)
                    return -1;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    int returnInsideInnerFinallyNoOuterUnlock(String key, boolean closed) {
        // ruleid: java/lock-not-released
        lock.lock();
        int n = 0;
        try {
            n = counts.getOrDefault(key, 0);
        } finally {
            if (n <= 0 && closed)
                // ruleid: java/return-in-finally -- also a finding of this rule (the example code does it)
                return -1;
        }
        lock.unlock();
        return n;
    }

    // --- a method called with the lock held that lets it go for a while and takes it back ---

    private Object[] grow(Object[] array) {
        lock.unlock(); // let other threads in while allocating
        Object[] bigger = null;
        try {
            bigger = new Object[array.length * 2];
        } finally {
            // ok: java/lock-not-released -- the caller's hold, taken back before returning to it
            lock.lock();
        }
        return bigger;
    }

    private void relockTwice() {
        lock.unlock();
        Thread.yield();
        // ok: java/lock-not-released -- given back to the caller that held it
        lock.lock();
    }

    private void lockThenUnlockThenLock(String key) {
        lock.lock();
        try {
            counts.remove(key);
        } finally {
            lock.unlock();
        }
        // ruleid: java/lock-not-released -- taken first by this method: the second hold is its own
        lock.lock();
    }
}
