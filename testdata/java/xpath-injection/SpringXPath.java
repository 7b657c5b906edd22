package fixtures.xpath;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringXPath {
    private final XPath xpath = XPathFactory.newInstance().newXPath();
    private Object doc;

    @GetMapping("/book")
    public Object book(@RequestParam String title, @RequestParam int index) throws XPathExpressionException {
        // ruleid: java/xpath-injection
        xpath.evaluate(String.format("//book[title='%s']", title), doc);
        // ok: java/xpath-injection -- an int index
        xpath.evaluate("//book[" + index + "]", doc);
        String expr = "//book[1]";
        if (title.isEmpty()) {
            expr = "//book[last()]";
        }
        // ok: java/xpath-injection -- constants on both paths
        return xpath.evaluate(expr, doc);
    }

    @GetMapping("/author")
    public Object author(@RequestParam String name) throws XPathExpressionException {
        String q = "//author[name='" + name + "']";
        q = q.concat("/books");
        // ruleid: java/xpath-injection
        return xpath.compile(q).evaluate(doc);
    }
}
