package fixtures.cmd.remote;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.util.Set;

/** Remote input beyond HTTP: sockets, datagrams and URL connections reach commands and files. */
public class SocketCommands {
    private static final Set<String> TOOLS = Set.of("uptime", "df");

    void commandFromSocket(ServerSocket server) throws IOException {
        // ruleid: java/resource-leak
        Socket s = server.accept();
        String cmd = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(cmd);
    }

    void utfFromSocket(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        String name = in.readUTF();
        // ruleid: java/path-traversal
        // ruleid: java/resource-leak
        new FileInputStream(new File("/srv/files", name));
    }

    void datagram(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[512];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        String cmd = new String(p.getData(), 0, p.getLength());
        // ruleid: java/command-injection
        new ProcessBuilder("sh", "-c", cmd).start();
    }

    void urlBody(URL url) throws IOException {
        URLConnection conn = url.openConnection();
        String next = new BufferedReader(new InputStreamReader(conn.getInputStream())).readLine();
        // ruleid: java/ssrf
        // ruleid: java/resource-leak
        new URL(next).openStream();
    }

    // ----- negatives -----

    void allowListedTool(Socket s) throws IOException {
        String tool = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        if (TOOLS.contains(tool)) {
            // ok: java/command-injection -- checked against an allow-list
            Runtime.getRuntime().exec(tool);
        }
    }

    void portOnly(Socket s) throws IOException {
        int port = s.getPort();
        // ok: java/command-injection -- the peer's port is a number
        Runtime.getRuntime().exec("nc -z localhost " + port);
    }

    void lengthOfDatagram(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[512];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        int n = p.getLength();
        // ok: java/command-injection -- only the length is used
        Runtime.getRuntime().exec("logger received " + n);
    }

    void constantCommand(Socket s) throws IOException {
        new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        // ok: java/command-injection -- the command is a constant
        Runtime.getRuntime().exec("uptime");
    }

    void numericFromSocket(Socket s) throws IOException {
        String line = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        long id = Long.parseLong(line);
        // ok: java/command-injection -- parsed as a number
        Runtime.getRuntime().exec("kill " + id);
    }
}
