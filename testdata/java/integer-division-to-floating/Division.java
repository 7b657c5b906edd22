import java.util.List;

class Division {
    private double ratio;

    double cases(int done, int total, List<String> xs, long bytes) {
        // ruleid: java/integer-division-to-floating
        double pct = done / total;
        // ruleid: java/integer-division-to-floating
        ratio = xs.size() / 3;
        // ok: java/integer-division-to-floating -- a cast makes it a floating division
        double good = (double) done / total;
        // ok: java/integer-division-to-floating -- a double literal
        double half = done / 2.0;
        // ok: java/integer-division-to-floating -- the result stays integral
        int avg = done / total;
        // ok: java/integer-division-to-floating -- dividing by one loses nothing
        double same = done / 1;
        return pct + ratio + good + half + avg + same + mean(bytes, done);
    }

    double mean(long sum, int n) {
        // ruleid: java/integer-division-to-floating
        return sum / n;
    }
}
