package fixtures.sql.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;

public class Sources {
    static Socket socket;

    static String read() {
        try {
            return new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
        } catch (IOException e) {
            return "";
        }
    }

    static String viaOne() {
        return read();
    }

    static String viaTwo() {
        return Helper.wrap(viaOne());
    }

    static String constant() {
        return Helper.wrap("title");
    }
}
