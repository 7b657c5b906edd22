import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DateFormat;
import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.Date;

class StaticFormat {
    // ruleid: java/non-thread-safe-static-field
    private static final SimpleDateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");
    // ruleid: java/non-thread-safe-static-field
    private static final MessageDigest SHA;
    // ok: java/non-thread-safe-static-field -- DateTimeFormatter is immutable and thread-safe
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE;
    // ok: java/non-thread-safe-static-field -- every use is synchronized
    private static final DateFormat LOCKED = new SimpleDateFormat("HH:mm");
    // ok: java/non-thread-safe-static-field -- each caller clones it
    private static final SimpleDateFormat TEMPLATE = new SimpleDateFormat("yyyy");
    // ok: java/non-thread-safe-static-field -- one per thread
    private static final ThreadLocal<SimpleDateFormat> PER_THREAD =
            ThreadLocal.withInitial(() -> new SimpleDateFormat("yyyy"));
    // ok: java/non-thread-safe-static-field -- an instance field, not shared by all instances
    private final SimpleDateFormat own = new SimpleDateFormat("yyyy");

    static {
        try {
            SHA = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    String day(Date d) {
        return DAY.format(d);
    }

    byte[] hash(byte[] data) {
        return SHA.digest(data);
    }

    String time(Date d) {
        synchronized (LOCKED) {
            return LOCKED.format(d);
        }
    }

    String year(Date d) {
        return ((SimpleDateFormat) TEMPLATE.clone()).format(d) + PER_THREAD.get().format(d) + own.format(d)
                + ISO.toString();
    }
}
