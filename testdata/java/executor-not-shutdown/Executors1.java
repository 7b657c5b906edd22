package fixtures.leaks;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

public class Executors1 {
    private ExecutorService shared;

    void neverShutDown(List<Runnable> tasks) {
        // ruleid: java/executor-not-shutdown
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (Runnable t : tasks) {
            pool.submit(t);
        }
    }

    void shutDown(List<Runnable> tasks) {
        // ok: java/executor-not-shutdown -- shut down after submitting
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (Runnable t : tasks) {
            pool.submit(t);
        }
        pool.shutdown();
    }

    void shutDownInFinally(List<Runnable> tasks) throws InterruptedException {
        // ok: java/executor-not-shutdown -- shut down in finally
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (Runnable t : tasks) {
                pool.execute(t);
            }
            // ruleid: java/ignored-return-value
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    void storedInField() {
        // ok: java/executor-not-shutdown -- kept in a field for the life of the object
        shared = Executors.newSingleThreadExecutor();
    }

    ExecutorService returned() {
        // ok: java/executor-not-shutdown -- returned to the caller
        return Executors.newWorkStealingPool();
    }

    void scheduledLeak(Runnable r) {
        // ruleid: java/executor-not-shutdown
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        s.schedule(r, 1, TimeUnit.SECONDS);
    }

    void constructedLeak(Runnable r) {
        // ruleid: java/executor-not-shutdown
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ex.execute(r);
    }

    void shutdownOnOneBranch(Runnable r, boolean done) {
        // ruleid: java/executor-not-shutdown
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.execute(r);
        if (done) {
            pool.shutdown();
        }
    }

    void passedToOwner(Runnable r) {
        // ok: java/executor-not-shutdown -- ownership passed to a constructor
        ExecutorService pool = Executors.newFixedThreadPool(2);
        new Worker(pool).start(r);
    }

    void exceptionPathNotReported(List<Runnable> tasks) {
        // ok: java/executor-not-shutdown -- only normal paths are checked for executors
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (Runnable t : tasks) {
            pool.submit(t);
        }
        pool.shutdown();
    }

    static final class Worker {
        private final ExecutorService pool;

        Worker(ExecutorService pool) {
            this.pool = pool;
        }

        void start(Runnable r) {
            pool.execute(r);
        }
    }
}
