package fixtures.xpath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

public class XPathTricky extends HttpServlet {
    private Object doc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XPath xp = XPathFactory.newInstance().newXPath();
        String param = request.getHeader("X-Emp");
        try {
            String bar;
            int num = 106;
            bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
            // ruleid: java/xpath-injection -- (7*42)-106 = 188 > 200 is false: the tainted side is taken
            xp.evaluate("/Employees/Employee[@emplid='" + bar + "']", doc);
            String safe = (7 * 42) - 86 > 200 ? "This_should_always_happen" : param;
            // ok: java/xpath-injection -- (7*42)-86 = 208 > 200: the constant side is taken
            xp.evaluate("/Employees/Employee[@emplid='" + safe + "']", doc);
            List<String> values = new ArrayList<>();
            values.add("safe");
            values.add(param);
            values.add("moresafe");
            values.remove(0);
            // ok: java/xpath-injection -- after removing element 0, element 1 is "moresafe"
            xp.compile("//e[@id='" + values.get(1) + "']");
            // ruleid: java/xpath-injection
            xp.compile("//e[@id='" + values.get(0) + "']");
        } catch (XPathExpressionException e) {
            response.sendError(400);
        }
    }
}
