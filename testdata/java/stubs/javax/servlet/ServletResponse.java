package javax.servlet;

public interface ServletResponse {
    java.io.PrintWriter getWriter() throws java.io.IOException;

    ServletOutputStream getOutputStream() throws java.io.IOException;

    void setContentType(String type);
}
