package fixtures.leaks;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

public class Exceptional {
    int readThenClose(String path) throws IOException {
        // ruleid: java/resource-leak-on-exception
        FileInputStream in = new FileInputStream(path);
        int b = in.read();
        in.close();
        return b;
    }

    int readThenCloseInFinally(String path) throws IOException {
        // ok: java/resource-leak-on-exception -- closed in finally
        FileInputStream in = new FileInputStream(path);
        try {
            return in.read();
        } finally {
            in.close();
        }
    }

    void copyTwoStreams(String from, String to) throws IOException {
        // ruleid: java/resource-leak-on-exception
        InputStream in = new FileInputStream(from);
        // ruleid: java/resource-leak-on-exception
        OutputStream out = new FileOutputStream(to);
        in.transferTo(out);
        out.close();
        in.close();
    }

    void copyTwoStreamsTwr(String from, String to) throws IOException {
        // ok: java/resource-leak-on-exception -- try-with-resources
        try (InputStream in = new FileInputStream(from);
             // ok: java/resource-leak-on-exception -- try-with-resources
             OutputStream out = new FileOutputStream(to)) {
            in.transferTo(out);
        }
    }

    void catchLosesIt(String path) {
        try {
            // ruleid: java/resource-leak-on-exception
            FileInputStream in = new FileInputStream(path);
            in.read();
            in.close();
        } catch (IOException e) {
            System.err.println(e.getMessage());
        }
    }

    void catchClosesIt(String path) {
        FileInputStream in = null;
        try {
            // ok: java/resource-leak-on-exception -- closed in the catch and on the normal path
            in = new FileInputStream(path);
            in.read();
            in.close();
        } catch (IOException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing
                }
            }
        }
    }

    Object objectStreamInTwr(File f) throws IOException, ClassNotFoundException {
        // ruleid: java/resource-leak-on-exception
        try (ObjectInputStream in = new ObjectInputStream(new FileInputStream(f))) {
            return in.readObject();
        }
    }

    Object objectStreamBothInTwr(File f) throws IOException, ClassNotFoundException {
        // ok: java/resource-leak-on-exception -- the file stream is a resource of its own
        try (FileInputStream raw = new FileInputStream(f);
             // ok: java/resource-leak-on-exception -- wrapper in try-with-resources
             ObjectInputStream in = new ObjectInputStream(raw)) {
            return in.readObject();
        }
    }

    int gzipInTwr(File f) throws IOException {
        // ruleid: java/resource-leak-on-exception
        try (InputStream in = new GZIPInputStream(new FileInputStream(f))) {
            return in.read();
        }
    }

    int bufferedInTwr(File f) throws IOException {
        // ok: java/resource-leak-on-exception -- BufferedInputStream's constructor does not throw
        try (InputStream in = new BufferedInputStream(new FileInputStream(f))) {
            return in.read();
        }
    }

    int charsetByName(File f) throws IOException {
        // ruleid: java/resource-leak-on-exception
        try (Reader r = new InputStreamReader(new FileInputStream(f), "UTF-8")) {
            return r.read();
        }
    }

    int charsetConstant(File f) throws IOException {
        // ok: java/resource-leak-on-exception -- a Charset object cannot be unsupported
        try (Reader r = new InputStreamReader(new FileInputStream(f), StandardCharsets.UTF_8)) {
            return r.read();
        }
    }

    void loadThenClose(File f, Properties p) throws IOException {
        // ruleid: java/resource-leak-on-exception
        InputStream in = new FileInputStream(f);
        p.load(in);
        in.close();
    }

    void explicitThrow(File f, boolean bad) throws IOException {
        // ruleid: java/resource-leak-on-exception
        FileInputStream in = new FileInputStream(f);
        if (bad) {
            throw new IllegalStateException("bad input");
        }
        in.close();
    }

    void unrelatedCallsDoNotCount(File f) throws IOException {
        // ok: java/resource-leak-on-exception -- nothing between open and close uses the stream
        FileInputStream in = new FileInputStream(f);
        StringBuilder sb = new StringBuilder();
        sb.append(f.getName());
        in.close();
    }

    void printWriterDoesNotThrow(File f) throws IOException {
        // ok: java/resource-leak-on-exception -- PrintWriter methods do not throw
        PrintWriter pw = new PrintWriter(f);
        pw.println("hello");
        pw.close();
    }

    void helperThatSwallows(File f) throws IOException {
        // ruleid: java/resource-leak-on-exception
        FileInputStream a = new FileInputStream(f);
        // ok: java/resource-leak-on-exception -- a quiet closer does not throw
        FileInputStream b = new FileInputStream(f);
        try {
            a.read();
            b.read();
        } finally {
            quiet(a);
            quiet(b);
        }
    }

    private static void quiet(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing
        }
    }

    void nestedTryFinally(String a, String b) throws IOException {
        // ok: java/resource-leak-on-exception -- each stream closed in its own finally
        InputStream in = new FileInputStream(a);
        try {
            // ok: java/resource-leak-on-exception -- closed in the inner finally
            OutputStream out = new FileOutputStream(b);
            try {
                in.transferTo(out);
            } finally {
                out.close();
            }
        } finally {
            in.close();
        }
    }

    void secondOpenThrows(String a, String b) throws IOException {
        // ruleid: java/resource-leak-on-exception
        InputStream in = new FileInputStream(a);
        // ok: java/resource-leak-on-exception -- closed in finally
        OutputStream out = new FileOutputStream(b);
        try {
            in.transferTo(out);
        } finally {
            out.close();
            in.close();
        }
    }

    long sizeOfChannel(String path) throws IOException {
        // ok: java/resource-leak-on-exception -- getChannel() does no I/O and cannot fail; the rest is in try/finally
        FileInputStream in = new FileInputStream(path);
        java.nio.channels.FileChannel ch = in.getChannel();
        try {
            return ch.size();
        } finally {
            in.close();
        }
    }

    long sizeThenClose(String path) throws IOException {
        // ruleid: java/resource-leak-on-exception
        FileInputStream in = new FileInputStream(path);
        java.nio.channels.FileChannel ch = in.getChannel();
        long n = ch.size() + in.available();
        in.close();
        return n;
    }
}
