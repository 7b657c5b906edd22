package fixtures.leaks;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/** Sockets hold a descriptor once connected or bound; created without an address they hold none. */
public class Unconnected {

    boolean factorySupportsUnconnected(SocketFactory factory) {
        try {
            // ok: java/resource-leak -- an unconnected socket holds no descriptor
            Socket probe = factory.createSocket();
            return probe != null;
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    boolean sslFactoryProbe() {
        try {
            // ok: java/resource-leak -- createSocket() without an address is unconnected
            SSLSocketFactory.getDefault().createSocket();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String describeUnconnected() {
        // ok: java/resource-leak -- new Socket() is not connected
        Socket s = new Socket();
        return s.isConnected() ? "connected" : "unconnected";
    }

    boolean unboundServer() throws IOException {
        // ok: java/resource-leak -- new ServerSocket() is not bound
        ServerSocket server = new ServerSocket();
        return server.isBound();
    }

    int factorySocketNotClosed(SocketFactory factory, String host) throws IOException {
        // ruleid: java/resource-leak
        Socket s = factory.createSocket(host, 443);
        InputStream in = s.getInputStream();
        return in.read();
    }

    int addressSocketNotClosed(InetAddress addr) throws IOException {
        // ruleid: java/resource-leak
        Socket s = new Socket(addr, 7);
        return s.getInputStream().read();
    }

    int boundServerNotClosed(int port) throws IOException {
        // ruleid: java/resource-leak
        ServerSocket server = new ServerSocket(port);
        return server.getLocalPort();
    }

    int datagramBindsAtOnce() throws IOException {
        // ruleid: java/resource-leak -- new DatagramSocket() binds an ephemeral port
        DatagramSocket d = new DatagramSocket();
        return d.getLocalPort();
    }

    int factorySocketClosed(SocketFactory factory, String host) throws IOException {
        // ok: java/resource-leak -- try-with-resources
        try (Socket s = factory.createSocket(host, 443)) {
            return s.getInputStream().read();
        }
    }

    int connectedLaterNotClosed(String host) throws IOException {
        // ruleid: java/resource-leak -- connect makes the unconnected socket hold a descriptor
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, 80), 1000);
        return s.getInputStream().read();
    }

    int factorySocketBoundNotClosed(SocketFactory factory, InetAddress local) throws IOException {
        // ruleid: java/resource-leak
        Socket s = factory.createSocket();
        Socket alias = s;
        alias.bind(new InetSocketAddress(local, 0));
        return s.getLocalPort();
    }

    int proxySocketConnectedNotClosed(Proxy proxy, InetSocketAddress dest) throws IOException {
        // ruleid: java/resource-leak
        Socket s = new Socket(proxy);
        s.connect(dest);
        return s.getInputStream().read();
    }

    int connectedInTryWithResources(InetSocketAddress dest) throws IOException {
        // ok: java/resource-leak -- try-with-resources closes it once connected
        try (Socket s = new Socket()) {
            s.connect(dest);
            return s.getInputStream().read();
        }
    }

    Socket connectedAndReturned(InetSocketAddress dest, int timeout) throws IOException {
        // ok: java/resource-leak -- returned once connected: the caller owns it
        Socket s = new Socket();
        s.setSoTimeout(timeout);
        s.connect(dest, timeout);
        return s;
    }

    void handedOffBeforeConnect(InetSocketAddress dest, java.util.List<Socket> pool) throws IOException {
        // ok: java/resource-leak -- stored in a collection before connect: the owner closes it
        Socket s = new Socket();
        pool.add(s);
        s.connect(dest);
    }

    int connectedAndClosedInFinally(InetSocketAddress dest) throws IOException {
        // ok: java/resource-leak -- closed in finally
        Socket s = new Socket();
        try {
            s.connect(dest);
            return s.getInputStream().read();
        } finally {
            s.close();
        }
    }
}
