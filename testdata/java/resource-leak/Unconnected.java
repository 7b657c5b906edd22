package fixtures.leaks;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
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
}
