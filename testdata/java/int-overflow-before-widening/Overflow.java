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

    long bounded(int amount, byte b, int flags, int hours) {
        // ok: java/int-overflow-before-widening -- `amount % 2` is at most 1: the product fits in an int
        long half = 12 * (amount % 2);
        // ok: java/int-overflow-before-widening -- a byte times a small constant fits in an int
        long scaledByte = b * 1000;
        // ok: java/int-overflow-before-widening -- a masked value times a constant fits in an int
        long masked = (flags & 0xFF) * 3600;
        // ruleid: java/int-overflow-before-widening
        long seconds = (amount % 100000) * 100000;
        // ruleid: java/int-overflow-before-widening
        long unbounded = hours * 3600 * 1000;
        return half + scaledByte + masked + seconds + unbounded;
    }

    long scaled(int count, int size) {
        // ruleid: java/int-overflow-before-widening
        return count * size;
    }
}
