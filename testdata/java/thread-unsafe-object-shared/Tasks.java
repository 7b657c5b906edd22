import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

class Tasks {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Map<String, Integer> totals = new HashMap<>();
    private final Map<String, Integer> safeTotals = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final List<String> handedOff = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();
    private final DecimalFormat money = new DecimalFormat("#,##0.00");
    private final ReentrantLock lock = new ReentrantLock();

    void fanOut(List<String> items) {
        for (String item : items) {
            pool.submit(() -> {
                // ruleid: java/thread-unsafe-object-shared
                totals.put(item, item.length());
            });
        }
        for (String item : items) {
            pool.submit(() -> {
                // ok: java/thread-unsafe-object-shared -- a ConcurrentHashMap
                safeTotals.put(item, item.length());
            });
        }
    }

    void background(double amount) {
        new Thread(() -> {
            // ruleid: java/thread-unsafe-object-shared
            String s = money.format(amount);
            System.out.println(s);
        }).start();
        // the submitting thread keeps using it
        System.out.println(money.format(amount * 2));
    }

    void asyncReport() {
        CompletableFuture.runAsync(new Runnable() {
            @Override
            public void run() {
                // ruleid: java/thread-unsafe-object-shared
                report.append("done");
            }
        });
        report.append("started");
    }

    void once() {
        pool.execute(() -> {
            // ok: java/thread-unsafe-object-shared -- one task, and nothing else in the class uses the list
            handedOff.add("only the task uses it");
        });
    }

    void lockedTask(List<String> items) {
        for (String item : items) {
            pool.execute(() -> {
                lock.lock();
                try {
                    // ok: java/thread-unsafe-object-shared -- the lock is held
                    log.add(item);
                } finally {
                    lock.unlock();
                }
            });
        }
        synchronized (this) {
            log.clear();
        }
    }

    List<String> parallel(List<String> words) {
        List<String> out = new ArrayList<>();
        // ruleid: java/thread-unsafe-object-shared
        words.parallelStream().filter(w -> !w.isEmpty()).forEach(w -> out.add(w));
        Map<Integer, String> byLength = new HashMap<>();
        // ruleid: java/thread-unsafe-object-shared
        words.stream().parallel().forEach(w -> byLength.put(w.length(), w));
        List<String> seq = new ArrayList<>();
        // ok: java/thread-unsafe-object-shared -- a sequential stream
        words.stream().forEach(w -> seq.add(w));
        // ok: java/thread-unsafe-object-shared -- the parallel stream collects; no shared collection is changed
        List<String> collected = words.parallelStream().map(String::trim).collect(Collectors.toList());
        List<String> seq2 = new ArrayList<>();
        // ok: java/thread-unsafe-object-shared -- the last sequential() makes the whole pipeline sequential
        words.parallelStream().sequential().forEach(w -> seq2.add(w));
        out.addAll(seq2);
        List<String> safe = java.util.Collections.synchronizedList(new ArrayList<>());
        // ok: java/thread-unsafe-object-shared -- a synchronized wrapper
        words.parallelStream().forEach(w -> safe.add(w));
        words.parallelStream().forEach(w -> {
            List<String> local = new ArrayList<>();
            // ok: java/thread-unsafe-object-shared -- a list created inside the lambda belongs to one thread
            local.add(w);
        });
        out.addAll(collected);
        out.addAll(seq);
        out.addAll(safe);
        return out;
    }
}
