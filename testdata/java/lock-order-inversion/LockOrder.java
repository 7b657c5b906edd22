class LockOrder {
    private final Object accounts = new Object();
    private final Object ledger = new Object();
    private final Object audit = new Object();

    void transfer() {
        synchronized (accounts) {
            // ok: java/lock-order-inversion -- first order seen
            synchronized (ledger) {
                post();
            }
        }
    }

    void reconcile() {
        synchronized (ledger) {
            // ruleid: java/lock-order-inversion
            synchronized (accounts) {
                post();
            }
        }
    }

    void report() {
        synchronized (accounts) {
            // ok: java/lock-order-inversion -- accounts before audit everywhere
            synchronized (audit) {
                post();
            }
        }
    }

    void report2() {
        synchronized (this.accounts) {
            // ok: java/lock-order-inversion -- same order as report()
            synchronized (audit) {
                post();
            }
        }
    }

    synchronized void viaMethod() {
        // ok: java/lock-order-inversion -- this then ledger, never the reverse
        synchronized (ledger) {
            post();
        }
    }

    void post() {
    }
}
