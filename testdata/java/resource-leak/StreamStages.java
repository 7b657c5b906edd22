package fixtures.leaks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A stage of a stream pipeline closes the whole pipeline: it carries the source's obligation. */
public class StreamStages {
    private Stream<Path> pending;

    Stream<Path> returnedFiltered(Path dir) throws IOException {
        // ok: java/resource-leak -- the filtered stage is returned: the caller closes the walk
        return Files.walk(dir).filter(Files::isRegularFile);
    }

    long filteredInTryWithResources(Path dir) throws IOException {
        // ok: java/resource-leak -- closing the filtered stage closes the walk
        try (Stream<Path> java = Files.walk(dir).filter(p -> p.toString().endsWith(".java"))) {
            return java.count();
        }
    }

    long countWithoutClose(Path file) throws IOException {
        // ruleid: java/resource-leak
        return Files.lines(file).filter(l -> !l.isEmpty()).count();
    }

    List<Path> collectWithoutClose(Path dir) throws IOException {
        // ruleid: java/resource-leak
        return Files.list(dir).map(Path::getFileName).sorted().collect(Collectors.toList());
    }

    List<Path> stageInVariableNotClosed(Path dir) throws IOException {
        // ruleid: java/resource-leak
        Stream<Path> all = Files.walk(dir);
        Stream<Path> dirs = all.filter(Files::isDirectory);
        return dirs.toList();
    }

    void stageClosed(Path dir) throws IOException {
        // ok: java/resource-leak -- closing a later stage closes the source
        Stream<Path> all = Files.walk(dir);
        Stream<Path> dirs = all.filter(Files::isDirectory).limit(10);
        try {
            dirs.forEach(System.out::println);
        } finally {
            dirs.close();
        }
    }

    void storedStage(Path dir) throws IOException {
        // ok: java/resource-leak -- the sorted stage is kept in a field
        pending = Files.list(dir).sorted();
    }

    IntStream returnedPrimitiveStage(Path file) throws IOException {
        // ok: java/resource-leak -- mapToInt returns a stage of the same pipeline
        return Files.lines(file).mapToInt(String::length).filter(n -> n > 0);
    }

    int primitiveTerminalWithoutClose(Path file) throws IOException {
        // ruleid: java/resource-leak
        return Files.lines(file).mapToInt(String::length).sum();
    }

    Stream<String> onCloseChained(Path file, Runnable done) throws IOException {
        // ok: java/resource-leak -- onClose registers on the same pipeline, which is returned
        return Files.lines(file).onClose(done).map(String::trim);
    }

    long sourceManagedStageUsed(Path file) throws IOException {
        // ok: java/resource-leak -- the source is in try-with-resources; the stage is only used
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith("#")).count();
        }
    }

    long findLimitedNotClosed(Path dir) throws IOException {
        // ruleid: java/resource-leak
        return Files.find(dir, 3, (p, a) -> a.isRegularFile()).limit(100).count();
    }

    Stream<Path> parallelReturned(Path dir) throws IOException {
        // ok: java/resource-leak -- parallel() returns the same pipeline
        return Files.list(dir).parallel().unordered();
    }
}
