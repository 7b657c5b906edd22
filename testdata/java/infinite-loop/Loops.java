import java.util.concurrent.BlockingQueue;

class Loops {
    private volatile boolean running = true;

    int forgotIncrement(int[] a) {
        int i = 0;
        int sum = 0;
        // ruleid: java/infinite-loop
        while (i < a.length) {
            sum += a[i];
        }
        return sum;
    }

    long spin() {
        long n = 0;
        // ruleid: java/infinite-loop
        while (true) {
            n++;
        }
    }

    int forEver(int[] a) {
        int s = 0;
        // ruleid: java/infinite-loop
        for (;;) {
            s += a.length;
        }
    }

    void ticker() {
        // ok: java/infinite-loop -- a loop that calls out is a worker loop that ends when a call throws or the thread dies
        for (;;) {
            System.out.println("tick");
        }
    }

    int withBreak(int[] a) {
        int i = 0;
        // ok: java/infinite-loop -- breaks out
        while (true) {
            if (a[i] == 0) {
                break;
            }
            i++;
        }
        return i;
    }

    int counted(int[] a) {
        int i = 0;
        int sum = 0;
        // ok: java/infinite-loop -- i advances
        while (i < a.length) {
            sum += a[i++];
        }
        return sum;
    }

    void worker(BlockingQueue<Runnable> q) throws InterruptedException {
        // ok: java/infinite-loop -- take() ends the loop with InterruptedException
        while (true) {
            q.take().run();
        }
    }

    void flag() {
        // ok: java/infinite-loop -- a volatile field another thread clears
        while (running) {
            Thread.onSpinWait();
        }
    }

    int search(int[] a, int x) {
        // ok: java/infinite-loop -- returns from inside
        for (int i = 0;; i++) {
            if (a[i] == x) {
                return i;
            }
        }
    }

    void nestedBreak(int[] a) {
        // ruleid: java/infinite-loop
        while (true) {
            for (int v : a) {
                if (v == 0) {
                    break;
                }
            }
        }
    }
}
