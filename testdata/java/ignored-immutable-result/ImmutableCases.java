import java.math.BigDecimal;

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
