package javax.servlet;

public abstract class ServletInputStream extends java.io.InputStream {
}
