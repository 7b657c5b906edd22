package fixtures.xss;

public interface Transformer {
    String apply(String input);
}
