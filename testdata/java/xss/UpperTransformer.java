package fixtures.xss;

public class UpperTransformer implements Transformer {
    @Override
    public String apply(String input) {
        return input.toUpperCase();
    }
}
