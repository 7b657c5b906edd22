package fixtures.code;

import java.io.IOException;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

public class ServletCode extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
        try {
            // ruleid: java/code-injection
            engine.eval("var x = " + request.getParameter("x"));
            // ok: java/code-injection -- constant script
            engine.eval("var x = 1");
        } catch (ScriptException e) {
            response.sendError(400);
        }
        // ruleid: java/code-injection
        new SpelExpressionParser().parseExpression(request.getParameter("expr")).getValue();
    }

    @GetMapping("/calc")
    public Object calc(@RequestParam String expr, @RequestParam int n) {
        ExpressionParser parser = new SpelExpressionParser();
        // ok: java/code-injection -- a number, not the expression text
        parser.parseExpression("1 + " + n);
        // ruleid: java/code-injection
        return parser.parseExpression(expr).getValue();
    }
}
