package fixtures.urls;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;

/** Content read through a URL is network input unless the URL names a local resource. */
class UrlInput {
    private static String firstLine(InputStream in) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.readLine();
        }
    }

    void remoteConstantUrl() throws IOException {
        URL feed = new URL("https://config.example.com/export/paths.txt");
        try (InputStream in = feed.openStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ruleid: java/path-traversal -- a remote server's answer is untrusted
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void remoteConnection() throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL("https://files.example.com/list").openConnection();
        try (InputStream in = conn.getInputStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ruleid: java/path-traversal
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void urlOfUnknownOrigin(URL url) throws IOException {
        URLConnection conn = url.openConnection();
        try (InputStream in = conn.getInputStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ruleid: java/path-traversal -- a URL from elsewhere may be remote
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void classpathResource() throws IOException {
        URL res = getClass().getResource("/defaults/paths.txt");
        try (InputStream in = res.openStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ok: java/path-traversal -- a class-path resource is part of the application
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void classLiteralResourceConnection() throws IOException {
        URLConnection conn = UrlInput.class.getResource("names.txt").openConnection();
        try (InputStream in = conn.getInputStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ok: java/path-traversal -- a class-path resource read through its connection
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void contextLoaderResources() throws IOException, ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Enumeration<URL> all = loader.getResources("META-INF/app/plugins");
        while (all.hasMoreElements()) {
            URL u = all.nextElement();
            try (InputStream in = u.openStream()) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String cls = r.readLine();
                // ok: java/unsafe-reflection -- class names listed in the application's own jars
                Class.forName(cls);
            }
        }
    }

    void systemResource() throws IOException {
        URL res = ClassLoader.getSystemResource("paths.txt");
        String name = firstLine(res.openStream());
        // ok: java/path-traversal -- a system class-path resource
        Files.delete(Paths.get("/var/app", name));
    }

    void localFileUrl() throws IOException {
        URL res = new File("conf/paths.txt").toURI().toURL();
        try (InputStream in = res.openStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ok: java/path-traversal -- a local file (a local source, off by default)
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void pathUrl(Path dir) throws IOException {
        URL res = dir.resolve("paths.txt").toUri().toURL();
        try (InputStream in = res.openStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ok: java/path-traversal -- a file URL built from a path
            Files.delete(Paths.get("/var/app", name));
        }
    }

    void constantFileUrl() throws IOException {
        URL res = new URL("file:/etc/app/paths.txt");
        try (InputStream in = res.openStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = r.readLine();
            // ok: java/path-traversal -- a constant file: URL
            Files.delete(Paths.get("/var/app", name));
        }
    }
}
