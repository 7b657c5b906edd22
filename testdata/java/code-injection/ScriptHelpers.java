package fixtures.code;

import java.io.IOException;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ScriptHelpers extends HttpServlet {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String formula = request.getParameter("formula");
        try {
            evaluate(formula);
            // ok: java/code-injection -- the helper validates numbers only
            engine.eval("var n = " + Double.parseDouble(formula));
            String script = "1 + 1";
            String ignored = formula + ";";
            // ok: java/code-injection -- the tainted string is never evaluated
            engine.eval(script);
        } catch (ScriptException e) {
            response.sendError(400);
        }
    }

    private Object evaluate(String code) throws ScriptException {
        // ruleid: java/code-injection -- reported at the sink, the flow starts at the caller's source
        return engine.eval("(function(){ return " + code + "; })()");
    }
}
