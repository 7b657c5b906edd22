package fixtures.leaks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

public class StreamStageExceptions {
    long stagesBeforeTry(Path dir) throws IOException {
        // ok: java/resource-leak-on-exception -- building stages does no I/O; the last stage is closed in finally
        Stream<Path> all = Files.walk(dir);
        Stream<Path> files = all.filter(Files::isRegularFile).sorted();
        try {
            return files.count();
        } finally {
            files.close();
        }
    }

    long terminalBeforeClose(Path dir) throws IOException {
        // ruleid: java/resource-leak-on-exception
        Stream<Path> files = Files.list(dir).filter(Files::isDirectory);
        long n = files.count();
        files.close();
        return n;
    }

    Stream<String> stageReturnedAfterCheck(Path file) throws IOException {
        // ok: java/resource-leak-on-exception -- stages do not throw; the pipeline is returned
        Stream<String> lines = Files.lines(file);
        return lines.map(String::strip).filter(s -> !s.isEmpty());
    }
}
