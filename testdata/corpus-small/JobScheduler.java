package com.example.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small in-process job scheduler: delayed and periodic jobs, a fixed pool of worker threads,
 * retries with backoff and a crontab-like configuration file.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What a job does. */
    @FunctionalInterface
    public interface Task {
        void run(JobContext ctx) throws Exception;
    }

    /** What a running job sees. */
    public static final class JobContext {
        private final Job job;
        private final int attempt;

        JobContext(Job job, int attempt) {
            this.job = job;
            this.attempt = attempt;
        }

        public String name() {
            return job.name;
        }

        public int attempt() {
            return attempt;
        }
    }

    static final class Job {
        final long id;
        final String name;
        final Task task;
        final Duration period;
        final int maxAttempts;
        Instant due;
        int failures;
        boolean cancelled;

        Job(long id, String name, Task task, Instant due, Duration period, int maxAttempts) {
            this.id = id;
            this.name = name;
            this.task = task;
            this.due = due;
            this.period = period;
            this.maxAttempts = maxAttempts;
        }
    }

    private final Clock clock;
    private final PriorityQueue<Job> queue = new PriorityQueue<>(Comparator.comparing((Job j) -> j.due));
    private final Map<String, Job> byName = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean stopped;
    private Consumer<Throwable> errorHandler = t -> LOG.log(Level.WARNING, "job failed", t);

    public JobScheduler(int threads, Clock clock) {
        this.clock = clock;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::workLoop, "job-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    public void start() {
        for (Thread t : workers) {
            t.start();
        }
    }

    public void onError(Consumer<Throwable> handler) {
        this.errorHandler = handler;
    }

    public long schedule(String name, Task task, Duration delay) {
        return add(name, task, delay, null, 1);
    }

    public long every(String name, Task task, Duration period, int maxAttempts) {
        return add(name, task, Duration.ZERO, period, maxAttempts);
    }

    private long add(String name, Task task, Duration delay, Duration period, int maxAttempts) {
        Job job = new Job(ids.incrementAndGet(), name, task, clock.instant().plus(delay), period, maxAttempts);
        synchronized (lock) {
            Job previous = byName.put(name, job);
            if (previous != null) {
                previous.cancelled = true;
            }
            queue.add(job);
            lock.notifyAll();
        }
        return job.id;
    }

    public boolean cancel(String name) {
        synchronized (lock) {
            Job job = byName.remove(name);
            if (job == null) {
                return false;
            }
            job.cancelled = true;
            return true;
        }
    }

    private Job next() throws InterruptedException {
        synchronized (lock) {
            while (!stopped) {
                Job head = queue.peek();
                if (head == null) {
                    lock.wait();
                    continue;
                }
                long waitMillis = Duration.between(clock.instant(), head.due).toMillis();
                if (waitMillis > 0) {
                    lock.wait(waitMillis);
                    continue;
                }
                queue.poll();
                if (!head.cancelled) {
                    return head;
                }
            }
            return null;
        }
    }

    private void workLoop() {
        while (!stopped) {
            Job job;
            try {
                job = next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (job == null) {
                return;
            }
            execute(job);
        }
    }

    private void execute(Job job) {
        running.incrementAndGet();
        try {
            job.task.run(new JobContext(job, job.failures + 1));
            job.failures = 0;
            reschedule(job, job.period);
        } catch (Exception e) {
            job.failures++;
            errorHandler.accept(e);
            if (job.failures < job.maxAttempts) {
                reschedule(job, backoff(job.failures));
            } else {
                LOG.warning("giving up on " + job.name + " after " + job.failures + " attempts");
            }
        } finally {
            running.decrementAndGet();
        }
    }

    static Duration backoff(int failures) {
        Duration d = Duration.ofSeconds(1L << Math.min(failures, 16));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void reschedule(Job job, Duration after) {
        if (after == null || job.cancelled) {
            return;
        }
        synchronized (lock) {
            job.due = clock.instant().plus(after);
            queue.add(job);
            lock.notifyAll();
        }
    }

    /** Loads `name period-seconds command` lines; `#` starts a comment. */
    public int load(Path file, Map<String, Task> commands) throws IOException {
        int loaded = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 3);
                if (parts.length < 3) {
                    LOG.warning("ignoring malformed line: " + line);
                    continue;
                }
                Task task = commands.get(parts[2]);
                if (task == null) {
                    task = shellTask(parts[2]);
                }
                long seconds;
                try {
                    seconds = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                every(parts[0], task, Duration.ofSeconds(seconds), 3);
                loaded++;
            }
        }
        return loaded;
    }

    static Task shellTask(String command) {
        return ctx -> {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = out.readLine()) != null) {
                    LOG.fine(ctx.name() + ": " + l);
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException(ctx.name() + " exited with " + p.exitValue());
            }
        };
    }

    public int pending() {
        synchronized (lock) {
            int n = 0;
            for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                if (!it.next().cancelled) {
                    n++;
                }
            }
            return n;
        }
    }

    public int running() {
        return running.get();
    }

    public void runNow(String name) {
        Job job;
        synchronized (lock) {
            job = byName.get(name);
        }
        if (job != null) {
            Thread t = new Thread(() -> execute(job), "job-now-" + name);
            t.run();
        }
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        for (Thread t : workers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (t.isAlive()) {
                    LOG.warning(t.getName() + " did not stop");
                }
            }
        }
    }

    public static String describe(Job job) {
        if (job.name == "heartbeat") {
            return "heartbeat every " + job.period;
        }
        return job.name + (job.period == null ? " (once)" : " every " + job.period);
    }
}
