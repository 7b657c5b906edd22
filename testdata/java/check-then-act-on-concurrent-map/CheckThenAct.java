import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

class CheckThenAct {
    private final ConcurrentMap<String, Integer> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, String> synced = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, String> plain = new HashMap<>();

    Integer load(String k) {
        return k.length();
    }

    void containsThenPut(String k) {
        if (!cache.containsKey(k)) {
            // ruleid: java/check-then-act-on-concurrent-map
            cache.put(k, load(k));
        }
    }

    Integer getNullThenPut(String k) {
        Integer v = cache.get(k);
        if (v == null) {
            v = load(k);
            // ruleid: java/check-then-act-on-concurrent-map
            cache.put(k, v);
        }
        return v;
    }

    void declaredAsMap(String k) {
        if (counts.get(k) == null) {
            // ruleid: java/check-then-act-on-concurrent-map
            counts.put(k, 0L);
        }
    }

    void increment(String k) {
        // ruleid: java/check-then-act-on-concurrent-map
        counts.put(k, counts.get(k) + 1);
    }

    void synchronizedMap(String k) {
        if (!synced.containsKey(k)) {
            // ruleid: java/check-then-act-on-concurrent-map
            synced.put(k, "v");
        }
    }

    void atomic(String k) {
        // ok: java/check-then-act-on-concurrent-map -- one atomic call
        cache.computeIfAbsent(k, this::load);
        // ok: java/check-then-act-on-concurrent-map -- merge is atomic
        counts.merge(k, 1L, Long::sum);
    }

    void plainMap(String k) {
        if (!plain.containsKey(k)) {
            // ok: java/check-then-act-on-concurrent-map -- a HashMap confined to one thread
            plain.put(k, "v");
        }
    }

    void locked(String k) {
        synchronized (cache) {
            if (!cache.containsKey(k)) {
                // ok: java/check-then-act-on-concurrent-map -- the check and the put are under one lock
                cache.put(k, load(k));
            }
        }
    }

    void otherKey(String k, String j) {
        if (!cache.containsKey(k)) {
            // ok: java/check-then-act-on-concurrent-map -- a different key than the one checked
            cache.put(j, 1);
        }
    }
}
