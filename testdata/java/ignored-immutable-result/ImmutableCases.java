import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

class ImmutableCases {
    String cases(String input, StringBuilder sb, BigDecimal total, BigDecimal x) {
        String name = input;
        // ruleid: java/ignored-immutable-result
        name.trim();
        // ruleid: java/ignored-immutable-result
        input.replace('a', 'b');
        // ruleid: java/ignored-immutable-result
        total.add(x);
        // ok: java/ignored-immutable-result -- StringBuilder mutates itself
        sb.replace(0, 1, "x");
        // ok: java/ignored-immutable-result -- result used
        name = name.trim();
        return name + total;
    }
}

class MoreImmutableCases {
    private String title = "t";

    void cases(LocalDate day, Optional<String> opt, List<String> xs, BigDecimal amount) {
        // ruleid: java/ignored-immutable-result
        this.title.toUpperCase();
        // ruleid: java/ignored-immutable-result
        day.plusDays(1);
        // ruleid: java/ignored-immutable-result
        opt.map(String::trim);
        // ruleid: java/ignored-immutable-result
        xs.stream().map(String::trim);
        // ruleid: java/ignored-immutable-result
        String.format("%s", title);
        // ruleid: java/ignored-immutable-result
        amount.stripTrailingZeros();
        // ok: java/ignored-immutable-result -- a terminal operation runs the pipeline
        xs.stream().map(String::trim).forEach(System.out::println);
        // ok: java/ignored-immutable-result -- ifPresent acts on the value
        opt.ifPresent(System.out::println);
        // ok: java/ignored-immutable-result -- List.add mutates the list
        xs.add("x");
    }
}
