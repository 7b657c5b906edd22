package org.slf4j;

public interface Logger {
    void info(String msg);

    void info(String format, Object arg);

    void warn(String msg);

    void error(String msg);

    void debug(String msg);
}
