package fixtures.leaks;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Signalling a condition with its lock held: only a missing lock makes `signal` throw. */
public class Conditions {
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition drained = mutex.newCondition();
    private Condition whenIdle; // installed later; null until then
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    void wakeAll() {
        // ok: java/lock-not-released -- signalAll() of a condition of the held lock cannot throw
        mutex.lock();
        drained.signalAll();
        mutex.unlock();
    }

    void wakeIfInstalled() {
        ReentrantLock m; Condition c;
        if ((m = mutex) != null) {
            // ok: java/lock-not-released -- signal() cannot throw with the lock held
            m.lock();
            if ((c = whenIdle) != null)
                c.signal();
            m.unlock();
        }
    }

    Runnable signalThenTake() {
        // ruleid: java/lock-not-released -- `removeFirst()` after the signal can throw
        mutex.lock();
        drained.signal();
        Runnable r = tasks.removeFirst();
        mutex.unlock();
        return r;
    }

    void awaitWithoutFinally() throws InterruptedException {
        // ruleid: java/lock-not-released -- await() throws holding the lock again
        mutex.lock();
        while (!tasks.isEmpty())
            drained.await();
        mutex.unlock();
    }

    String describeUnderLock(Object o) {
        // ruleid: java/lock-not-released -- toString() of another object can throw
        mutex.lock();
        String s = o.toString();
        mutex.unlock();
        return s;
    }
}
