package fixtures.headers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

public class HttpServerHeaders implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        // ruleid: java/header-injection
        exchange.getResponseHeaders().add("X-Echo", query);
        // ok: java/header-injection -- constant value
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        String lang = exchange.getRequestHeaders().getFirst("Accept-Language");
        // ok: java/header-injection -- request headers are not response headers
        exchange.getRequestHeaders().add("X-Seen", "1");
        // ruleid: java/header-injection
        exchange.getResponseHeaders().set("Content-Language", lang);
        exchange.sendResponseHeaders(204, -1);
    }
}
