package fixtures.xss;

import javax.servlet.http.HttpServletRequest;

public class RequestReader {
    private final HttpServletRequest request;

    public RequestReader(HttpServletRequest request) {
        this.request = request;
    }

    public String value(String name) {
        return request.getParameter(name);
    }

    public String fixedValue(String name) {
        return "fixed";
    }
}
