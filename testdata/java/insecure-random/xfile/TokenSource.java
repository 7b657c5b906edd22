package fixtures.xfile;

import java.util.Random;

public class TokenSource {
    private final Random random = new Random();

    public String next() {
        return Long.toString(random.nextLong(), 36);
    }
}
