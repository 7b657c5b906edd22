package fixtures.xpath;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.apache.commons.lang3.StringEscapeUtils;

// XML escaping turns both quote characters into entities (`&apos;`, `&quot;`): inside a quoted XPath
// string literal the escaped value cannot end the literal. Escapers that leave a quote (HTML 4 keeps
// `'`) or escape it with a backslash (XPath has no backslash escapes) do not protect the literal.
public class XPathEscaped extends HttpServlet {
    private Object doc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XPath xp = XPathFactory.newInstance().newXPath();
        String name = request.getParameter("name");
        try {
            String esc10 = StringEscapeUtils.escapeXml10(name);
            // ok: java/xpath-injection -- escapeXml10 escapes both quotes: the literal cannot be closed
            xp.evaluate("//user[@name='" + esc10 + "']", doc);
            // ok: java/xpath-injection -- escapeXml11 escapes both quotes as well
            xp.evaluate("//user[@name=\"" + StringEscapeUtils.escapeXml11(name) + "\"]", doc);
            String esc = org.apache.commons.text.StringEscapeUtils.escapeXml10(name);
            // ok: java/xpath-injection -- commons-text spelling of the same escaper
            xp.compile("//user[@name='" + esc + "']");
            // ok: java/xpath-injection -- commons-lang 2 escapeXml escapes the five XML entities
            xp.compile("//user[@name='" + org.apache.commons.lang.StringEscapeUtils.escapeXml(name) + "']");
            String html = StringEscapeUtils.escapeHtml4(name);
            // ruleid: java/xpath-injection -- HTML 4 escaping leaves the single quote as it is
            xp.evaluate("//user[@name='" + html + "']", doc);
            String js = StringEscapeUtils.escapeEcmaScript(name);
            // ruleid: java/xpath-injection -- a backslash does not escape a quote in XPath
            xp.evaluate("//user[@name='" + js + "']", doc);
            String again = esc10 + request.getParameter("suffix");
            // ruleid: java/xpath-injection -- the unescaped suffix is concatenated after the escaping
            xp.evaluate("//user[@name='" + again + "']", doc);
        } catch (XPathExpressionException e) {
            response.sendError(400);
        }
    }
}
