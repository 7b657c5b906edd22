package fixtures.ssrf;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletSsrf extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of("https://feeds.example.com/a", "https://feeds.example.com/b");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String feed = request.getParameter("feed");
        // ruleid: java/ssrf
        new URL(feed).openStream().close();
        // ruleid: java/ssrf
        HttpRequest.newBuilder(URI.create("http://" + request.getHeader("X-Host") + "/status"));
        if (ALLOWED.contains(feed)) {
            // ok: java/ssrf -- allow-listed URL
            new URL(feed).openStream().close();
        }
        // ok: java/ssrf -- constant URL
        new URL("https://status.example.com/ping").openStream().close();
        String target = "https://internal.example.com/health";
        String ignored = feed.trim();
        // ok: java/ssrf -- only the constant reaches the sink
        new URL(target).openConnection();
    }

    private static final Set<String> HOSTS = Set.of("feeds.example.com");

    void hostCheck(HttpServletRequest request) throws IOException {
        String feed = request.getParameter("feed");
        URI u = URI.create(feed);
        if (!HOSTS.contains(u.getHost())) {
            throw new IOException("host not allowed");
        }
        // ok: java/ssrf -- the host of the parsed URI is allow-listed
        new URL(feed).openStream().close();
        String other = request.getParameter("other");
        URI o = URI.create(other);
        String host = o.getHost();
        // ruleid: java/ssrf
        new URL(other).openStream().close();
    }
}
