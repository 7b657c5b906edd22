package fixtures.xss;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CrossFileXss extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        RequestReader reader = new RequestReader(request);
        // ruleid: java/xss
        out.println(reader.value("name"));
        // ok: java/xss -- the helper returns a constant
        out.println(reader.fixedValue("name"));
        Transformer t = new UpperTransformer();
        String name = request.getParameter("name");
        // ruleid: java/xss
        out.println(t.apply(name));
        ConstantTransformer c = new ConstantTransformer();
        // ok: java/xss -- the helper in another file ignores its input
        out.println(c.render(name));
        String kind = "a";
        String msg = switch (kind) {
            case "a" -> {
                String tmp = "static";
                yield tmp;
            }
            default -> name;
        };
        // ok: java/xss -- the switch on a constant yields a constant
        out.println(msg);
        String[] parts = name.split(",");
        // ruleid: java/xss
        out.println(parts[0].substring(1));
    }
}
