class WaitCases {
    private final Object lock = new Object();
    private boolean ready;

    void bad() throws InterruptedException {
        synchronized (lock) {
            if (!ready) {
                // ruleid: java/wait-not-in-loop
                lock.wait();
            }
        }
    }

    synchronized void badTimed() throws InterruptedException {
        // ruleid: java/wait-not-in-loop
        wait(1000);
    }

    void good() throws InterruptedException {
        synchronized (lock) {
            while (!ready) {
                // ok: java/wait-not-in-loop -- re-checked in a loop
                lock.wait();
            }
        }
    }

    void goodFor() throws InterruptedException {
        synchronized (lock) {
            for (int i = 0; i < 3 && !ready; i++) {
                // ok: java/wait-not-in-loop -- loop
                lock.wait(100);
            }
        }
    }

    void process(Process p) throws InterruptedException {
        // ok: java/wait-not-in-loop -- waitFor is not Object.wait
        p.waitFor();
    }

    void timedWait(Object monitor, long millis) throws InterruptedException {
        // ok: java/wait-not-in-loop -- a wait wrapper: its callers loop
        monitor.wait(millis);
    }

    Object awaitNext() throws InterruptedException {
        synchronized (lock) {
            if (!ready) {
                // ruleid: java/wait-not-in-loop
                lock.wait();
            }
            return lock;
        }
    }
}
