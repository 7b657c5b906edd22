package org.apache.commons.io;

public final class FilenameUtils {
    public static String getName(String fileName) {
        return fileName;
    }
}
