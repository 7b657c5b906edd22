import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

class Interrupted {
    private final BlockingQueue<Runnable> queue;
    private final CountDownLatch latch = new CountDownLatch(1);

    Interrupted(BlockingQueue<Runnable> queue) {
        this.queue = queue;
    }

    void swallow() {
        try {
            Thread.sleep(100);
        // ruleid: java/interrupted-exception-swallowed
        } catch (InterruptedException e) {
            System.err.println("interrupted");
        }
    }

    Runnable broad() {
        try {
            return queue.take();
        // ruleid: java/interrupted-exception-swallowed
        } catch (Exception e) {
            return null;
        }
    }

    void multi() {
        try {
            // ruleid: java/ignored-return-value
            latch.await(1, TimeUnit.SECONDS);
            Thread.sleep(5);
        // ruleid: java/interrupted-exception-swallowed
        } catch (IllegalStateException | InterruptedException e) {
            e.printStackTrace();
        }
    }

    void restored() {
        try {
            Thread.sleep(100);
        // ok: java/interrupted-exception-swallowed -- interrupt status restored
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void rethrown() {
        try {
            latch.await();
        // ok: java/interrupted-exception-swallowed -- rethrown wrapped
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    void broadNoBlocking(String s) {
        try {
            Integer.parseInt(s);
        // ok: java/interrupted-exception-swallowed -- nothing in the try block can be interrupted
        } catch (Exception e) {
            System.err.println(e);
        }
    }

    void separateClause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        // ok: java/interrupted-exception-swallowed -- the interrupt is handled by the clause before
        } catch (Exception e) {
            System.err.println(e);
        }
    }

    void uninterruptibleJoin(Thread worker) {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            // ok: java/interrupted-exception-swallowed -- recorded, and restored once the wait is over
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    boolean awaitUninterruptibly() {
        boolean wasInterrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            // ok: java/interrupted-exception-swallowed -- the flag is returned to the caller, who restores it
            } catch (InterruptedException e) {
                wasInterrupted = true;
            }
        }
        return wasInterrupted;
    }

    void flagForgotten(Thread worker) {
        boolean interrupted = false;
        try {
            worker.join();
        // ruleid: java/interrupted-exception-swallowed
        } catch (InterruptedException e) {
            interrupted = true;
        }
        System.out.println("joined " + interrupted);
    }
}
