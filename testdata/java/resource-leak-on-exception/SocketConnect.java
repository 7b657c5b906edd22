package fixtures.leaks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

public class SocketConnect {
    Socket connectOnly(InetSocketAddress dest) throws IOException {
        // ok: java/resource-leak-on-exception -- a failed connect closes the socket (Socket.connect)
        Socket s = new Socket();
        s.connect(dest, 5000);
        return s;
    }

    Socket bindThenConnect(InetAddress local, InetSocketAddress dest) throws IOException {
        // ok: java/resource-leak-on-exception -- a failed connect closes the bound socket too
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(dest);
        return s;
    }

    Socket bindThenConfigure(InetAddress local, InetSocketAddress dest, int timeout) throws IOException {
        // ruleid: java/resource-leak-on-exception
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.setSoTimeout(timeout);
        s.connect(dest);
        return s;
    }

    Socket connectThenConfigure(InetSocketAddress dest, int timeout) throws IOException {
        // ruleid: java/resource-leak-on-exception
        Socket s = new Socket();
        s.connect(dest);
        s.setSoTimeout(timeout);
        return s;
    }

    Socket configureBeforeConnect(InetSocketAddress dest, int timeout) throws IOException {
        // ok: java/resource-leak-on-exception -- configured while unconnected, returned once connected
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(dest, timeout);
        return s;
    }
}
