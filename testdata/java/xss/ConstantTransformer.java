package fixtures.xss;

public class ConstantTransformer {
    public String render(String input) {
        return "<b>static</b>";
    }
}
