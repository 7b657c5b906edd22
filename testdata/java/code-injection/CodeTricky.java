package fixtures.code;

import java.util.Map;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CodeTricky {
    private static final Map<String, String> FORMULAS = Map.of("double", "x * 2", "square", "x * x");
    private final ExpressionParser parser = new SpelExpressionParser();

    @GetMapping("/formula")
    public Object formula(@RequestParam String name, @RequestParam String raw) throws ScriptException {
        ScriptEngine js = new ScriptEngineManager().getEngineByName("js");
        String f = FORMULAS.get(name);
        // ok: java/code-injection -- the value comes from a constant map, only the key is untrusted
        js.eval(f);
        if (!FORMULAS.containsKey(raw)) {
            return null;
        }
        // ok: java/code-injection -- raw is a key of the allow-list map
        parser.parseExpression(raw);
        String expr = "#root.name";
        String unused = raw + "()";
        // ok: java/code-injection -- a constant expression
        parser.parseExpression(expr);
        // ruleid: java/code-injection
        return js.eval("var r = " + name + ";");
    }
}
