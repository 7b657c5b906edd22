class RunCases {
    void cases(Runnable task) {
        Thread worker = new Thread(task);
        // ruleid: java/thread-run-direct-call
        worker.run();
        // ruleid: java/thread-run-direct-call
        new Thread(task).run();
        // ok: java/thread-run-direct-call -- started
        worker.start();
        // ok: java/thread-run-direct-call -- a Runnable is meant to be run
        task.run();
    }

    static class Worker extends Thread {
        @Override
        public void run() {
            // ok: java/thread-run-direct-call -- super.run() in a subclass
            super.run();
        }
    }
}

class MoreRunCases {
    private final Thread reaper = new Thread(() -> { });
    private final Poller poller = new Poller();

    static class Poller extends Thread {
    }

    void cases() {
        // ruleid: java/thread-run-direct-call
        this.reaper.run();
        // ruleid: java/thread-run-direct-call
        poller.run();
        // ok: java/thread-run-direct-call -- started
        poller.start();
    }
}
