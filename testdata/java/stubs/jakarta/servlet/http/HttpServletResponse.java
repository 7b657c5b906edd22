package jakarta.servlet.http;

public interface HttpServletResponse {
    void addCookie(Cookie cookie);
}
