import java.math.BigDecimal;

class BigDec {
    BigDecimal cases(double rate, long cents, String text) {
        // ruleid: java/bigdecimal-from-double
        BigDecimal a = new BigDecimal(0.1);
        // ruleid: java/bigdecimal-from-double
        BigDecimal b = new BigDecimal(rate);
        // ok: java/bigdecimal-from-double -- valueOf uses the double's shortest decimal form
        BigDecimal c = BigDecimal.valueOf(rate);
        // ok: java/bigdecimal-from-double -- a string is exact
        BigDecimal d = new BigDecimal("0.1");
        // ok: java/bigdecimal-from-double -- 0.5 is exact in binary
        BigDecimal e = new BigDecimal(0.5);
        // ok: java/bigdecimal-from-double -- a long is exact
        BigDecimal f = new BigDecimal(cents);
        // ok: java/bigdecimal-from-double -- parsed text
        BigDecimal g = new BigDecimal(text);
        return a.add(b).add(c).add(d).add(e).add(f).add(g);
    }
}
