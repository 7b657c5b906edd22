package fixtures.xpath;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.owasp.esapi.ESAPI;

public class ServletXPath extends HttpServlet {
    private Object doc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XPath xp = XPathFactory.newInstance().newXPath();
        String u = request.getParameter("u");
        try {
            // ruleid: java/xpath-injection
            xp.evaluate("//user[@name='" + u + "']", doc);
            // ok: java/xpath-injection -- variable resolver instead of concatenation
            xp.setXPathVariableResolver(v -> u);
            // ok: java/xpath-injection -- constant expression with a variable
            xp.evaluate("//user[@name=$u]", doc);
            // ok: java/xpath-injection -- ESAPI XPath encoding
            xp.compile("//user[@name='" + ESAPI.encoder().encodeForXPath(u) + "']");
            String expr = "//user[@id='" + request.getParameter("id") + "']";
            // ruleid: java/xpath-injection
            xp.compile(expr);
            String[] parts = {"//a", request.getParameter("b")};
            // ok: java/xpath-injection -- element 0 is constant
            xp.compile(parts[0]);
        } catch (XPathExpressionException e) {
            response.sendError(400);
        }
    }
}
