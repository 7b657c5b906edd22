package javax.servlet.http;

public interface HttpServletRequest extends javax.servlet.ServletRequest {
    String getHeader(String name);

    java.util.Enumeration<String> getHeaders(String name);

    java.util.Enumeration<String> getHeaderNames();

    Cookie[] getCookies();

    String getQueryString();

    String getRequestURI();

    String getPathInfo();

    String getMethod();

    HttpSession getSession();
}
