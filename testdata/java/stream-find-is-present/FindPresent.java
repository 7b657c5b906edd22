import java.util.List;

class FindPresent {
    boolean cases(List<String> xs) {
        // ruleid: java/stream-find-is-present
        boolean a = xs.stream().filter(s -> s.isEmpty()).findFirst().isPresent();
        // ruleid: java/stream-find-is-present
        boolean b = xs.stream().filter(String::isBlank).findAny().isEmpty();
        // ruleid: java/stream-find-is-present
        boolean c = xs.stream().filter(s -> s.length() > 3).count() > 0;
        // ok: java/stream-find-is-present -- anyMatch
        boolean d = xs.stream().anyMatch(String::isEmpty);
        // ok: java/stream-find-is-present -- the element itself is used
        String e = xs.stream().filter(String::isEmpty).findFirst().orElse("");
        // ok: java/stream-find-is-present -- a real count
        boolean f = xs.stream().filter(String::isEmpty).count() > 2;
        return a || b || c || d || f || e.isEmpty();
    }
}
