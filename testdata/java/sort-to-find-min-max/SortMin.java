import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

class SortMin {
    Integer smallest(List<Integer> xs) {
        List<Integer> copy = new ArrayList<>(xs);
        // ruleid: java/sort-to-find-min-max
        Collections.sort(copy);
        return copy.get(0);
    }

    String longest(List<String> xs) {
        // ruleid: java/sort-to-find-min-max
        xs.sort(Comparator.comparing(String::length));
        return xs.isEmpty() ? null : xs.get(xs.size() - 1);
    }

    Optional<String> first(List<String> xs) {
        // ruleid: java/sort-to-find-min-max
        return xs.stream().sorted().findFirst();
    }

    List<Integer> top(List<Integer> xs) {
        // ok: java/sort-to-find-min-max -- the sorted list is used whole
        Collections.sort(xs);
        System.out.println(xs.get(0));
        return xs;
    }

    Integer median(List<Integer> xs) {
        // ok: java/sort-to-find-min-max -- a middle element needs the order
        Collections.sort(xs);
        return xs.get(xs.size() / 2);
    }
}
