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
