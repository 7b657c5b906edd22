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

    private Object[] reps = new Object[4];

    private void grow() {
        reps = java.util.Arrays.copyOf(reps, reps.length * 2);
    }

    void assign(int index, Object rep) {
        // ok: java/infinite-loop -- `reps` is a field that `grow()` replaces by a longer array
        while (index >= reps.length) {
            grow();
        }
        reps[index] = rep;
    }

    byte[] table() {
        byte[] t = new byte[0x80];
        int i = 0;
        // ok: java/infinite-loop -- `i++` inside a cast still advances `i`
        while (i < 0x80) {
            t[i] = (byte) i++;
        }
        return t;
    }

    String dump(int[] info) {
        StringBuilder sb = new StringBuilder();
        // ruleid: java/infinite-loop
        for (int i = 1; i < info.length;) {
            sb.append(info[i]);
        }
        return sb.toString();
    }

    private int[] charinfo = new int[8];

    String dumpField() {
        StringBuilder sb = new StringBuilder();
        // ruleid: java/infinite-loop
        for (int i = 1; i < charinfo.length;) {
            sb.append(charinfo[i]);
        }
        return sb.toString();
    }
}
