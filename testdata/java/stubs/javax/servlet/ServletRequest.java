package javax.servlet;

public interface ServletRequest {
    String getParameter(String name);

    String[] getParameterValues(String name);

    java.util.Map<String, String[]> getParameterMap();

    java.util.Enumeration<String> getParameterNames();

    ServletInputStream getInputStream() throws java.io.IOException;

    java.io.BufferedReader getReader() throws java.io.IOException;

    Object getAttribute(String name);

    int getContentLength();
}
