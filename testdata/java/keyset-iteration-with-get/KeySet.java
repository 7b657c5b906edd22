import java.util.Map;

class KeySet {
    int cases(Map<String, Integer> counts, Map<String, Integer> other) {
        int total = 0;
        for (String k : counts.keySet()) {
            // ruleid: java/keyset-iteration-with-get
            total += counts.get(k);
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            // ok: java/keyset-iteration-with-get -- entrySet
            total += e.getValue();
        }
        for (String k : counts.keySet()) {
            // ok: java/keyset-iteration-with-get -- looks up another map
            total += other.getOrDefault(k, 0);
            // ok: java/keyset-iteration-with-get -- another map
            Integer v = other.get(k);
            total += v == null ? 0 : v;
        }
        return total;
    }
}
