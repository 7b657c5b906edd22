package fixtures.leaks;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Scanner;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

public class Streams {
    private InputStream kept;
    private final List<Closeable> toClose = new ArrayList<>();

    int neverClosed(String path) throws IOException {
        // ruleid: java/resource-leak
        FileInputStream in = new FileInputStream(path);
        return in.read();
    }

    void discarded(String path) throws IOException {
        // ruleid: java/resource-leak
        new FileOutputStream(path).write(1);
    }

    String earlyReturn(String path) throws IOException {
        // ruleid: java/resource-leak
        BufferedReader r = new BufferedReader(new FileReader(path));
        String line = r.readLine();
        if (line == null) {
            return "";
        }
        r.close();
        return line;
    }

    void closedInOneBranchOnly(File f, boolean flag) throws IOException {
        // ruleid: java/resource-leak
        FileReader r = new FileReader(f);
        r.read();
        if (flag) {
            r.close();
        }
    }

    void closedInBothBranches(File f, boolean flag) throws IOException {
        // ok: java/resource-leak -- closed on both branches
        FileReader r = new FileReader(f);
        if (flag) {
            r.close();
        } else {
            r.close();
        }
    }

    int tryWithResources(String path) throws IOException {
        // ok: java/resource-leak -- try-with-resources
        try (FileInputStream in = new FileInputStream(path)) {
            return in.read();
        }
    }

    int tryWithResourcesWrapped(String path) throws IOException {
        // ok: java/resource-leak -- the wrapper is closed by try-with-resources
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8))) {
            return r.read();
        }
    }

    int existingVariableInTry(String path) throws IOException {
        // ok: java/resource-leak -- Java 9 try (in)
        FileInputStream in = new FileInputStream(path);
        try (in) {
            return in.read();
        }
    }

    int closedInFinally(String path) throws IOException {
        // ok: java/resource-leak -- closed in finally
        FileInputStream in = new FileInputStream(path);
        try {
            return in.read();
        } finally {
            in.close();
        }
    }

    int nullCheckedInFinally(String path) throws IOException {
        InputStream in = null;
        try {
            // ok: java/resource-leak -- closed in finally after a null check
            in = new FileInputStream(path);
            return in.read();
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }

    int nullCheckedReversed(String path) throws IOException {
        InputStream in = null;
        try {
            // ok: java/resource-leak -- null == in check
            in = new FileInputStream(path);
            return in.read();
        } finally {
            if (null != in) {
                in.close();
            }
        }
    }

    InputStream returned(String path) throws IOException {
        // ok: java/resource-leak -- returned to the caller
        return new FileInputStream(path);
    }

    Reader returnedWrapped(String path) throws IOException {
        // ok: java/resource-leak -- wrapper returned
        FileInputStream in = new FileInputStream(path);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    void storedInField(String path) throws IOException {
        // ok: java/resource-leak -- stored in a field
        kept = new FileInputStream(path);
    }

    void storedInFieldCollection(String path) throws IOException {
        // ok: java/resource-leak -- added to a collection that outlives the method
        FileInputStream in = new FileInputStream(path);
        toClose.add(in);
    }

    void wrapperClosed(String path) throws IOException {
        // ok: java/resource-leak -- closing the wrapper closes the file
        BufferedReader r = new BufferedReader(new FileReader(path));
        try {
            r.readLine();
        } finally {
            r.close();
        }
    }

    void innerClosedAfterWrapping(String path) throws IOException {
        // ok: java/resource-leak -- closing the inner stream releases the file of the wrapper
        FileInputStream raw = new FileInputStream(path);
        try {
            BufferedInputStream in = new BufferedInputStream(raw);
            in.read();
        } finally {
            raw.close();
        }
    }

    void wrapperNeverClosed(String path) throws IOException {
        // ruleid: java/resource-leak
        FileInputStream raw = new FileInputStream(path);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        in.readInt();
    }

    void closedByHelper(String path) throws IOException {
        // ok: java/resource-leak -- the helper of this class closes it
        FileInputStream in = new FileInputStream(path);
        try {
            in.read();
        } finally {
            closeSafely(in);
        }
    }

    private static void closeSafely(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    void borrowedByHelper(String path) throws IOException {
        // ruleid: java/resource-leak
        FileInputStream in = new FileInputStream(path);
        consume(in);
    }

    private static int consume(InputStream in) throws IOException {
        return in.read();
    }

    void keptByHelper(String path) throws IOException {
        // ok: java/resource-leak -- the helper stores it in a field
        FileInputStream in = new FileInputStream(path);
        keep(in);
    }

    private void keep(InputStream in) {
        this.kept = in;
    }

    void ownershipToConstructor(String path) throws IOException {
        // ok: java/resource-leak -- ownership passed to the constructor of another object
        FileInputStream in = new FileInputStream(path);
        Holder h = new Holder(in);
        h.use();
    }

    void propertiesLoadNotClosed(String path, Properties props) throws IOException {
        // ruleid: java/resource-leak
        props.load(new FileInputStream(path));
    }

    void propertiesLoadClosed(String path, Properties props) throws IOException {
        // ok: java/resource-leak -- try-with-resources around Properties.load
        try (InputStream in = new FileInputStream(path)) {
            props.load(in);
        }
    }

    byte[] nonClosingTypes(byte[] data) throws IOException {
        // ok: java/resource-leak -- ByteArrayInputStream holds no system resource
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        // ok: java/resource-leak -- ByteArrayOutputStream holds no system resource
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    String stringWriters(String s) throws IOException {
        // ok: java/resource-leak -- StringReader and StringWriter hold no system resource
        BufferedReader r = new BufferedReader(new StringReader(s));
        StringWriter w = new StringWriter();
        // ok: java/resource-leak -- a PrintWriter over a StringWriter
        PrintWriter pw = new PrintWriter(w);
        pw.println(r.readLine());
        pw.flush();
        return w.toString();
    }

    void scannerOnSystemIn() {
        // ok: java/resource-leak -- wraps System.in, which the method does not own
        Scanner sc = new Scanner(System.in);
        sc.nextLine();
    }

    void scannerOnFile(File f) throws IOException {
        // ruleid: java/resource-leak
        Scanner sc = new Scanner(f);
        sc.nextLine();
    }

    void printWriterOnFile(String name) throws IOException {
        // ruleid: java/resource-leak
        PrintWriter pw = new PrintWriter(name);
        pw.println("x");
        pw.flush();
    }

    void printWriterOnFileClosed(String name) throws IOException {
        // ok: java/resource-leak -- closed
        PrintWriter pw = new PrintWriter(name);
        pw.println("x");
        pw.close();
    }

    long filesLinesLeak(Path p) throws IOException {
        // ruleid: java/resource-leak
        Stream<String> lines = Files.lines(p);
        return lines.count();
    }

    long filesLinesClosed(Path p) throws IOException {
        // ok: java/resource-leak -- Files.lines in try-with-resources
        try (Stream<String> lines = Files.lines(p)) {
            return lines.count();
        }
    }

    long filesListLeak(Path dir) throws IOException {
        // ruleid: java/resource-leak
        return Files.list(dir).count();
    }

    long filesWalkClosed(Path dir) throws IOException {
        // ok: java/resource-leak -- try-with-resources
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count();
        }
    }

    String newBufferedReaderLeak(String name) throws IOException {
        // ruleid: java/resource-leak
        BufferedReader r = Files.newBufferedReader(Paths.get(name));
        return r.readLine();
    }

    byte[] readAllBytesHasNoResource(Path p) throws IOException {
        // ok: java/resource-leak -- Files.readAllBytes opens and closes the file itself
        return Files.readAllBytes(p);
    }

    int zipLeak(File f) throws IOException {
        // ruleid: java/resource-leak
        ZipFile z = new ZipFile(f);
        return z.size();
    }

    int zipClosed(File f) throws IOException {
        // ok: java/resource-leak -- closed in finally
        ZipFile z = new ZipFile(f);
        try {
            return z.size();
        } finally {
            z.close();
        }
    }

    void randomAccessLeak(File f) throws IOException {
        // ruleid: java/resource-leak
        RandomAccessFile raf = new RandomAccessFile(f, "r");
        raf.seek(10);
    }

    void loopLeaks(List<String> paths) throws IOException {
        for (String p : paths) {
            // ruleid: java/resource-leak
            FileInputStream in = new FileInputStream(p);
            in.read();
        }
    }

    void loopCloses(List<String> paths) throws IOException {
        for (String p : paths) {
            // ok: java/resource-leak -- closed in each iteration
            try (FileInputStream in = new FileInputStream(p)) {
                in.read();
            }
        }
    }

    void aliasClosed(String path) throws IOException {
        // ok: java/resource-leak -- closed through an alias
        FileInputStream in = new FileInputStream(path);
        InputStream alias = in;
        try {
            alias.read();
        } finally {
            alias.close();
        }
    }

    void reassignedBeforeClose(String a, String b) throws IOException {
        // ruleid: java/resource-leak
        FileInputStream in = new FileInputStream(a);
        in.read();
        in = new FileInputStream(b);
        in.close();
    }

    void flagGuardedClose(String path, boolean verbose) throws IOException {
        // ok: java/resource-leak -- closed whatever the flag
        FileOutputStream out = new FileOutputStream(path);
        try {
            if (verbose) {
                out.write(1);
            }
            out.write(2);
        } finally {
            out.close();
        }
    }

    void closedInCatchAndAfter(String path) {
        FileInputStream in = null;
        try {
            // ok: java/resource-leak -- closed after the try and in the catch
            in = new FileInputStream(path);
            in.read();
            in.close();
        } catch (IOException e) {
            closeSafely(in);
        }
    }

    void resourceInArray(String a) throws IOException {
        // ok: java/resource-leak -- stored in an array handed to a closer
        Closeable[] all = {new FileInputStream(a)};
        for (Closeable c : all) {
            c.close();
        }
    }

    Runnable capturedByReturnedLambda(String path) throws IOException {
        // ok: java/resource-leak -- captured by a returned lambda that closes it
        FileInputStream in = new FileInputStream(path);
        return () -> {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    void resourceAsStreamNullChecked(String name) throws IOException {
        // ok: java/resource-leak -- null when missing, closed otherwise
        InputStream in = Streams.class.getResourceAsStream(name);
        if (in == null) {
            return;
        }
        try {
            in.read();
        } finally {
            in.close();
        }
    }

    void resourceAsStreamLeak(String name) throws IOException {
        // ruleid: java/resource-leak
        InputStream in = getClass().getResourceAsStream(name);
        if (in == null) {
            return;
        }
        in.read();
    }

    InputStream factory(String path) throws IOException {
        // ok: java/resource-leak -- returned (a factory of this class)
        return new BufferedInputStream(new FileInputStream(path));
    }

    void factoryResultLeaks(String path) throws IOException {
        // ruleid: java/resource-leak
        InputStream in = factory(path);
        in.read();
    }

    void factoryResultClosed(String path) throws IOException {
        // ok: java/resource-leak -- result of the factory closed by try-with-resources
        try (InputStream in = factory(path)) {
            in.read();
        }
    }

    void standardDescriptor() throws IOException {
        // ok: java/resource-leak -- a stream on FileDescriptor.out opens nothing
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        out.write(1);
    }

    static final class LoggingStream extends BufferedOutputStream {
        LoggingStream(String path) throws IOException {
            // ok: java/resource-leak -- handed to the superclass constructor
            super(new FileOutputStream(path));
        }

        LoggingStream(File f) throws IOException {
            // ok: java/resource-leak -- handed to another constructor of the class
            this(f.getPath(), new FileOutputStream(f));
        }

        LoggingStream(String name, OutputStream out) {
            super(out);
        }
    }

    OutputStream ownedBySubclass(String path) throws IOException {
        // ok: java/resource-leak -- the constructor hands it to super(...), the object is returned
        FileOutputStream raw = new FileOutputStream(path);
        LoggingStream ls = new LoggingStream("log", raw);
        return ls;
    }

    void ownedBySubclassNotReturned(String path) throws IOException {
        // ok: java/resource-leak -- ownership passed to the constructor (which hands it to super)
        FileOutputStream raw = new FileOutputStream(path);
        new LoggingStream("log", raw).flush();
    }

    static final class Holder {
        private final InputStream in;

        Holder(InputStream in) {
            this.in = in;
        }

        void use() throws IOException {
            in.read();
        }
    }

    // --- the same condition tested twice: the second test takes the side the first one chose ---

    void dumpOwned(String text, boolean own, String name) throws IOException {
        Writer w;
        if (own) {
            // ok: java/resource-leak -- closed under the same condition it was opened under
            // ruleid: java/resource-leak-on-exception
            w = new FileWriter(name);
        } else {
            w = new PrintWriter(System.out);
        }
        w.write(text);
        if (own) {
            w.close();
        }
    }

    void dumpNotOwned(String text, boolean own, String name) throws IOException {
        Writer w;
        if (own) {
            // ruleid: java/resource-leak
            w = new FileWriter(name);
        } else {
            w = new PrintWriter(System.out);
        }
        w.write(text);
        if (!own) {
            w.close();
        }
    }
}
