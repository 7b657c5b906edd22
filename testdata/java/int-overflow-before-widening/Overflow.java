import java.util.List;

class Overflow {
    long cases(int width, int height, int days, List<String> xs, int bit) {
        // ruleid: java/int-overflow-before-widening
        long area = width * height;
        // ruleid: java/int-overflow-before-widening
        long millis = days * 24 * 60 * 60 * 1000;
        // ruleid: java/int-overflow-before-widening
        long month = 1000 * 60 * 60 * 24 * 30;
        long mask;
        // ruleid: java/int-overflow-before-widening
        mask = 1 << bit;
        // ok: java/int-overflow-before-widening -- widened before the multiplication
        long safe = (long) width * height;
        // ok: java/int-overflow-before-widening -- a long literal makes it long arithmetic
        long safe2 = days * 24L * 60 * 60 * 1000;
        // ok: java/int-overflow-before-widening -- a constant that fits in an int
        long day = 1000 * 60 * 60 * 24;
        // ok: java/int-overflow-before-widening -- stays an int
        int small = width * height;
        // ok: java/int-overflow-before-widening -- a sum, no multiplication
        long sum = width + height;
        return area + millis + month + mask + safe + safe2 + day + small + sum + xs.size();
    }

    long scaled(int count, int size) {
        // ruleid: java/int-overflow-before-widening
        return count * size;
    }
}
