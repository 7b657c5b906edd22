package fixtures.path;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

public class ServletFiles extends HttpServlet {
    private static final String BASE = "/srv/data";
    private static final Path ROOT = Paths.get(BASE);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java/path-traversal
        File f = new File(BASE, name);
        // ok: java/path-traversal -- the File object is reported once, where the path is built
        new FileInputStream(f).close();

        // ruleid: java/path-traversal
        new FileOutputStream(BASE + "/" + request.getHeader("X-File")).close();

        // ok: java/path-traversal -- FilenameUtils.getName strips directories
        new FileReader(new File(BASE, FilenameUtils.getName(name))).close();

        // ruleid: java/path-traversal
        Files.readAllBytes(Paths.get(BASE, name));

        // ok: java/path-traversal -- constant path
        Files.readAllBytes(Paths.get(BASE, "index.html"));

        // ok: java/path-traversal -- building a Path opens nothing; getFileName keeps the last element
        Path p = ROOT.resolve(Paths.get(name).getFileName().toString()).normalize();
        // ok: java/path-traversal -- getFileName keeps only the last element
        Files.delete(p);
    }

    void cookies(HttpServletRequest request) throws IOException {
        Cookie[] cookies = request.getCookies();
        String file = "default.txt";
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        for (Cookie c : cookies) {
            if (c.getName().equals("file")) {
                file = c.getValue();
            }
        }
        // ruleid: java/path-traversal
        new FileInputStream(file).close();
    }

    void startsWithGuard(HttpServletRequest request) throws IOException {
        Path p = ROOT.resolve(FilenameUtils.getName(request.getParameter("f"))).normalize();
        if (!p.startsWith(ROOT)) {
            throw new IOException("outside");
        }
        // ok: java/path-traversal -- normalized and checked against the base directory
        Files.readString(p);
    }

    void headerNotUsed(HttpServletRequest request) throws IOException {
        String h = request.getHeader("X-Path");
        String used = "report.csv";
        if (h != null) {
            used = "other.csv";
        }
        // ok: java/path-traversal -- only constants reach the sink
        new FileInputStream(new File(BASE, used)).close();
    }
}
