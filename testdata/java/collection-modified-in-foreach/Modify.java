import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

class Modify {
    private final List<String> items = new ArrayList<>();

    void cases(List<String> orders, Map<String, Integer> counts, List<String> other) {
        for (String o : orders) {
            if (o.isEmpty()) {
                // ruleid: java/collection-modified-in-foreach
                orders.remove(o);
            }
        }
        for (String k : counts.keySet()) {
            // ruleid: java/keyset-iteration-with-get
            if (counts.get(k) == 0) {
                // ruleid: java/collection-modified-in-foreach
                counts.remove(k);
            }
        }
        for (String s : this.items) {
            // ruleid: java/collection-modified-in-foreach
            this.items.add(s + "!");
        }
        for (String o : orders) {
            if (o.equals("x")) {
                // ok: java/collection-modified-in-foreach -- the loop ends right after the removal
                orders.remove(o);
                break;
            }
        }
        for (String o : orders) {
            if (o.startsWith("alias:")) {
                // ok: java/collection-modified-in-foreach -- other statements, then the loop ends: the iterator is not advanced again
                orders.remove(o);
                orders.add(o.substring(6));
                other.add(o);
                break;
            }
        }
        for (String o : orders) {
            if (o.startsWith("tmp:")) {
                // ruleid: java/collection-modified-in-foreach
                orders.remove(o);
                if (other.isEmpty()) {
                    continue;
                }
                break;
            }
        }
        for (String o : orders) {
            // ok: java/collection-modified-in-foreach -- a different collection
            other.add(o);
        }
        for (Iterator<String> it = orders.iterator(); it.hasNext();) {
            // ok: java/collection-modified-in-foreach -- removal through the iterator
            if (it.next().isEmpty()) {
                it.remove();
            }
        }
        List<String> cow = new CopyOnWriteArrayList<>(orders);
        for (String s : cow) {
            // ok: java/collection-modified-in-foreach -- copy-on-write lists iterate a snapshot
            cow.remove(s);
        }
        Map<String, Integer> copy = new HashMap<>(counts);
        for (String k : copy.keySet()) {
            // ok: java/collection-modified-in-foreach -- iterates the copy, modifies the original
            counts.remove(k);
        }
    }
}
