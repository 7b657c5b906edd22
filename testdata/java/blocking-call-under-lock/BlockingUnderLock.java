import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;

class BlockingUnderLock {
    private final Object lock = new Object();
    private String cached;

    synchronized void refresh() throws InterruptedException {
        // ruleid: java/blocking-call-under-lock
        Thread.sleep(1000);
        cached = null;
    }

    String load(Path p) throws IOException {
        synchronized (lock) {
            if (cached == null) {
                // ruleid: java/blocking-call-under-lock
                cached = Files.readString(p);
            }
            return cached;
        }
    }

    void drain(BlockingQueue<String> q, Thread worker) throws InterruptedException {
        synchronized (lock) {
            // ruleid: java/blocking-call-under-lock
            worker.join();
            // ruleid: java/blocking-call-under-lock
            cached = q.take();
        }
    }

    String loadOutside(Path p) throws IOException, InterruptedException {
        // ok: java/blocking-call-under-lock -- I/O before taking the lock
        String text = Files.readString(p);
        // ok: java/blocking-call-under-lock -- not under a lock
        Thread.sleep(10);
        synchronized (lock) {
            cached = text;
            lock.notifyAll();
        }
        return text;
    }

    synchronized void async() {
        new Thread(() -> {
            try {
                // ok: java/blocking-call-under-lock -- runs later on another thread, without the monitor
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
    }
}
