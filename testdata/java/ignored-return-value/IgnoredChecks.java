import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

class IgnoredChecks {
    private final ReentrantLock lock = new ReentrantLock();

    void files(File tmp, File dir, String name) throws IOException {
        // ruleid: java/ignored-return-value
        tmp.delete();
        // ruleid: java/ignored-return-value
        dir.mkdirs();
        // ruleid: java/ignored-return-value
        new File(name).createNewFile();
        // ruleid: java/ignored-return-value
        tmp.renameTo(new File(dir, name));
        // ok: java/ignored-return-value -- the result is checked
        if (!tmp.delete()) {
            throw new IOException("could not delete " + tmp);
        }
        // ok: java/ignored-return-value -- the result is kept
        boolean made = dir.mkdir();
        System.out.println(made);
    }

    void waits(CountDownLatch latch, ExecutorService pool) throws InterruptedException {
        // ruleid: java/ignored-return-value
        latch.await(5, TimeUnit.SECONDS);
        // ruleid: java/ignored-return-value
        pool.awaitTermination(1, TimeUnit.MINUTES);
        // ok: java/ignored-return-value -- the untimed await returns nothing
        latch.await();
        // ok: java/ignored-return-value -- checked
        if (!latch.await(1, TimeUnit.SECONDS)) {
            throw new IllegalStateException("timeout");
        }
    }

    void locks() {
        // ruleid: java/ignored-return-value
        lock.tryLock();
        try {
            System.out.println("work");
        } finally {
            lock.unlock();
        }
        // ok: java/ignored-return-value -- checked
        if (lock.tryLock()) {
            lock.unlock();
        }
    }

    void streams(InputStream in, byte[] buf) throws IOException {
        // ruleid: java/ignored-return-value
        in.read(buf);
        // ruleid: java/ignored-return-value
        in.skip(10);
        // ok: java/ignored-return-value -- reads one byte as a statement to discard it: no count involved
        in.read();
        // ok: java/ignored-return-value -- readNBytes reads the full amount or to end of stream
        in.readNBytes(buf, 0, buf.length);
    }

    void timedConcurrency(Semaphore permits, Condition ready, BlockingQueue<String> queue)
            throws InterruptedException {
        // ruleid: java/ignored-return-value
        permits.tryAcquire(2, TimeUnit.SECONDS);
        // ruleid: java/ignored-return-value
        permits.tryAcquire(3, 2, TimeUnit.SECONDS);
        // ruleid: java/ignored-return-value
        lock.tryLock(100, TimeUnit.MILLISECONDS);
        // ruleid: java/ignored-return-value
        ready.await(1, TimeUnit.SECONDS);
        // ruleid: java/ignored-return-value
        ready.awaitNanos(1_000_000L);
        // ruleid: java/ignored-return-value
        queue.offer("job", 1, TimeUnit.SECONDS);
        // ok: java/ignored-return-value -- the permit is checked before the guarded work
        if (permits.tryAcquire(1, TimeUnit.SECONDS)) {
            permits.release();
        }
        // ok: java/ignored-return-value -- the result decides the loop
        while (!lock.tryLock(10, TimeUnit.MILLISECONDS)) {
            Thread.onSpinWait();
        }
        lock.unlock();
        // ok: java/ignored-return-value -- the untimed acquire blocks until it succeeds and returns nothing
        permits.acquire();
        // ok: java/ignored-return-value -- the untimed Condition.await returns nothing
        ready.await();
        // ok: java/ignored-return-value -- a static event method with three arguments, not BlockingQueue.offer
        WriteEvent.offer(1L, "path", 2L);
        // ok: java/ignored-return-value -- the untimed offer's result is not a timeout
        queue.offer("job");
    }

    static final class WriteEvent {
        static void offer(long start, String path, long bytes) {
            System.out.println(start + path + bytes);
        }
    }
}
