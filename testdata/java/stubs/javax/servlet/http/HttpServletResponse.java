package javax.servlet.http;

public interface HttpServletResponse extends javax.servlet.ServletResponse {
    void sendRedirect(String location) throws java.io.IOException;

    void addHeader(String name, String value);

    void setHeader(String name, String value);

    void addCookie(Cookie cookie);

    void sendError(int code) throws java.io.IOException;
    void sendError(int code, String message) throws java.io.IOException;
    int SC_BAD_REQUEST = 400;
}
