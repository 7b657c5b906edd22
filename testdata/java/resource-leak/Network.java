package fixtures.leaks;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarFile;

public class Network {
    private final Map<String, Socket> sockets = new HashMap<>();
    private Writer log;

    String socketNotClosed(String host) throws IOException {
        // ruleid: java/resource-leak
        Socket s = new Socket(host, 80);
        BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        return r.readLine();
    }

    String socketClosed(String host) throws IOException {
        // ok: java/resource-leak -- closing the socket closes its streams
        try (Socket s = new Socket(host, 80)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            return r.readLine();
        }
    }

    void socketKeptInMap(String host) throws IOException {
        // ok: java/resource-leak -- stored in a map field
        Socket s = new Socket(host, 80);
        sockets.put(host, s);
    }

    void serverAcceptLoopHandsOff(int port) throws IOException {
        // ok: java/resource-leak -- the server socket is closed by try-with-resources
        try (ServerSocket server = new ServerSocket(port)) {
            while (!Thread.currentThread().isInterrupted()) {
                // ok: java/resource-leak -- handed to a worker thread
                Socket client = server.accept();
                new Thread(new Handler(client)).start();
            }
        }
    }

    void acceptedNotClosed(ServerSocket server) throws IOException {
        // ruleid: java/resource-leak
        Socket client = server.accept();
        client.getOutputStream().write(1);
    }

    int channelLeak(Path p) throws IOException {
        // ruleid: java/resource-leak
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        return ch.read(ByteBuffer.allocate(16));
    }

    int channelClosed(Path p) throws IOException {
        // ok: java/resource-leak -- try-with-resources
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return ch.read(ByteBuffer.allocate(16));
        }
    }

    void socketChannelLeak(String host) throws IOException {
        // ruleid: java/resource-leak
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, 80));
        ch.write(ByteBuffer.wrap(new byte[] {1}));
    }

    int urlStreamLeak(URL url) throws IOException {
        // ruleid: java/resource-leak
        InputStream in = url.openStream();
        return in.read();
    }

    int urlStreamClosed(URL url) throws IOException {
        // ok: java/resource-leak -- try-with-resources
        try (InputStream in = url.openStream()) {
            return in.read();
        }
    }

    int directoryStreamLeak(Path dir) throws IOException {
        int n = 0;
        // ruleid: java/resource-leak
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir);
        for (Path p : ds) {
            n++;
        }
        return n;
    }

    int directoryStreamClosed(Path dir) throws IOException {
        int n = 0;
        // ok: java/resource-leak -- try-with-resources
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                n++;
            }
        }
        return n;
    }

    void writerOpenedIntoField(File f) throws IOException {
        // ok: java/resource-leak -- kept in a field
        log = new FileWriter(f);
    }

    void writerLocalThenField(File f) throws IOException {
        // ok: java/resource-leak -- assigned to a field through a local
        FileWriter w = new FileWriter(f, true);
        this.log = w;
    }

    void writerNotClosed(File f) throws IOException {
        // ruleid: java/resource-leak
        FileWriter w = new FileWriter(f);
        w.write("x");
        w.flush();
    }

    int jarLeak(File f) throws IOException {
        // ruleid: java/resource-leak
        JarFile jar = new JarFile(f);
        return jar.size();
    }

    String jarManifestClosed(File f) throws IOException {
        // ok: java/resource-leak -- closed in finally
        JarFile jar = new JarFile(f);
        try {
            return String.valueOf(jar.getManifest());
        } finally {
            jar.close();
        }
    }

    Supplier<Integer> lambdaOnlyReads(File f) throws IOException {
        // ruleid: java/resource-leak
        FileOutputStream out = new FileOutputStream(f);
        Runnable r = () -> {
            try {
                out.write(1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        r.run();
        return () -> 1;
    }

    void closedThroughInterface(File f) throws IOException {
        // ok: java/resource-leak -- closed through a Closeable variable
        Closeable c = new FileOutputStream(f);
        c.close();
    }

    void closedOnAllSwitchArms(File f, int mode) throws IOException {
        // ok: java/resource-leak -- every arm closes it
        // ruleid: java/resource-leak-on-exception
        OutputStream out = new FileOutputStream(f);
        switch (mode) {
            case 0:
                out.write(0);
                out.close();
                break;
            case 1:
                out.close();
                break;
            default:
                out.close();
        }
    }

    void missedSwitchArm(File f, int mode) throws IOException {
        // ruleid: java/resource-leak
        OutputStream out = new FileOutputStream(f);
        switch (mode) {
            case 0:
                out.close();
                break;
            default:
                break;
        }
    }

    void conditionalOpen(File f, boolean append) throws IOException {
        OutputStream out = null;
        if (append) {
            // ok: java/resource-leak -- closed below when opened
            out = new FileOutputStream(f, true);
        }
        if (out != null) {
            out.close();
        }
    }

    void ternaryOpen(File a, File b, boolean first) throws IOException {
        // ok: java/resource-leak -- both streams of the ternary are closed through the variable
        OutputStream out = first ? new FileOutputStream(a) : new FileOutputStream(b);
        try {
            out.write(1);
        } finally {
            out.close();
        }
    }

    void closedAfterWhileLoop(File f) throws IOException {
        // ok: java/resource-leak -- closed in finally after the loop
        BufferedReader r = Files.newBufferedReader(f.toPath());
        try {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    break;
                }
            }
        } finally {
            r.close();
        }
    }

    void breakOutOfLoopLeaks(File[] files) throws IOException {
        for (File f : files) {
            // ruleid: java/resource-leak
            OutputStream out = new FileOutputStream(f);
            if (f.length() > 0) {
                break;
            }
            out.close();
        }
    }

    int breakThroughFinally(File[] files) throws IOException {
        int n = 0;
        for (File f : files) {
            // ok: java/resource-leak -- the finally runs when break leaves the try
            OutputStream out = new FileOutputStream(f);
            try {
                if (f.length() > 0) {
                    break;
                }
                n++;
            } finally {
                out.close();
            }
        }
        return n;
    }

    void continueThroughFinally(File[] files) throws IOException {
        for (File f : files) {
            // ok: java/resource-leak -- the finally runs when continue leaves the try
            OutputStream out = new FileOutputStream(f);
            try {
                if (f.isHidden()) {
                    continue;
                }
                out.write(1);
            } finally {
                out.close();
            }
        }
    }

    OutputStream socketViewHandedOff(String host) throws IOException {
        // ok: java/resource-leak -- the socket's stream (a view of it) is returned inside a wrapper
        // ruleid: java/resource-leak-on-exception
        Socket s = new Socket(host, 21);
        return new java.io.BufferedOutputStream(s.getOutputStream());
    }

    static final class Handler implements Runnable {
        private final Socket socket;

        Handler(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            try (Socket s = socket) {
                s.getOutputStream().write(1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
