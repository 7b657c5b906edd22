import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ServletState extends HttpServlet {
    private final SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
    private final List<String> visitors = new ArrayList<>();
    private final Map<String, String> config = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private MessageDigest digest;

    @Override
    public void init() {
        // ok: java/thread-unsafe-object-shared -- init runs once, before any request
        config.put("mode", "fast");
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws ServletException, IOException {
        // ruleid: java/thread-unsafe-object-shared
        String day = format.format(new Date());
        // ruleid: java/thread-unsafe-object-shared
        visitors.add(req.getParameter("name"));
        // ok: java/thread-unsafe-object-shared -- only read after init: concurrent reads of a HashMap are safe
        String mode = config.get("mode");
        synchronized (counts) {
            // ok: java/thread-unsafe-object-shared -- guarded by a lock
            counts.merge(day, 1, Integer::sum);
        }
        // ok: java/thread-unsafe-object-shared -- a clone per request
        SimpleDateFormat mine = (SimpleDateFormat) format.clone();
        resp.getWriter().println(day + mode + mine.toPattern());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp)
            throws ServletException, IOException {
        // ruleid: java/thread-unsafe-object-shared
        byte[] hash = this.digest.digest(String.valueOf(req.getParameter("body")).getBytes());
        resp.getWriter().println(hash.length);
    }
}

class NotAServlet {
    private final SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
    private final List<String> visitors = new ArrayList<>();

    String handle(String name) {
        // ok: java/thread-unsafe-object-shared -- nothing shows this object is shared between threads
        visitors.add(name);
        // ok: java/thread-unsafe-object-shared -- nothing shows this object is shared between threads
        return format.format(new Date());
    }
}
