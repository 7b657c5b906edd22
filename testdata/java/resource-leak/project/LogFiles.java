package fixtures.leak.project;

/** Facts other files depend on: a method returning a file name, a flag constant. */
public final class LogFiles {
    public static final boolean CLOSE_EAGERLY = true;
    public static final boolean KEEP_OPEN = false;

    private LogFiles() {
    }

    public static String auditLog() {
        return System.getProperty("user.home") + "/audit.log";
    }
}
