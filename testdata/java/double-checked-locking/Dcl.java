class Dcl {
    static class Config {
    }

    private static Config config;
    private static volatile Config safeConfig;
    private Config instanceConfig;

    static Config get() {
        // ruleid: java/double-checked-locking
        if (config == null) {
            synchronized (Dcl.class) {
                if (config == null) {
                    config = new Config();
                }
            }
        }
        return config;
    }

    Config instance() {
        // ruleid: java/double-checked-locking
        if (this.instanceConfig == null) {
            synchronized (this) {
                if (instanceConfig == null) {
                    instanceConfig = new Config();
                }
            }
        }
        return instanceConfig;
    }

    static Config getSafe() {
        // ok: java/double-checked-locking -- the field is volatile
        if (safeConfig == null) {
            synchronized (Dcl.class) {
                if (safeConfig == null) {
                    safeConfig = new Config();
                }
            }
        }
        return safeConfig;
    }

    static synchronized Config getLocked() {
        // ok: java/double-checked-locking -- a single check under the lock
        if (config == null) {
            config = new Config();
        }
        return config;
    }

    Config local() {
        Config c = null;
        // ok: java/double-checked-locking -- a local variable is not shared
        if (c == null) {
            synchronized (this) {
                if (c == null) {
                    c = new Config();
                }
            }
        }
        return c;
    }
}
