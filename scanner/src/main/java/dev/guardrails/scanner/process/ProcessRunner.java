package dev.guardrails.scanner.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one external command with a deadline, output caps and an environment the caller spelled out.
 *
 * <p>Why each guard: helm and kubectl read many environment variables (proxies, kubeconfig, plugin
 * dirs, registry credentials), so the environment starts empty. A template loop can print
 * gigabytes, so stdout is capped and the run fails past it. A hung process must not hold a worker,
 * so at the deadline the whole process tree is terminated, then killed after a short grace. Stdin
 * is closed so a tool that prompts gets EOF instead of hanging.
 *
 * <p>Thread-safe and stateless; each run uses two short-lived reader threads.
 */
public final class ProcessRunner {

    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private final Duration killGrace;

    public ProcessRunner() {
        this(DEFAULT_GRACE);
    }

    /** @param killGrace time between the polite terminate and the forced kill */
    public ProcessRunner(Duration killGrace) {
        this.killGrace = killGrace;
    }

    /**
     * Runs the command to completion.
     *
     * @return stdout, stderr and timing of a run that exited 0
     * @throws ProcessFailure when it cannot start, times out, overflows stdout or exits non-zero
     */
    public ProcessResult run(ProcessSpec spec) throws ProcessFailure {
        List<String> argv = spec.argv();
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(spec.env());
        if (spec.maxRssBytes() > 0 && !spec.env().containsKey("GOMEMLIMIT")) {
            // helm and kubectl are Go programs: a soft limit below the hard cap makes their GC work
            // harder before the watchdog has to kill them.
            builder.environment().put("GOMEMLIMIT", (spec.maxRssBytes() / 4 * 3) + "B");
        }
        if (spec.workDir() != null) {
            builder.directory(spec.workDir().toFile());
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new ProcessFailure(argv, ProcessFailure.Kind.START, -1, "could not start: " + e.getMessage(), "", e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child may already be gone; its exit status tells the story.
        }

        AtomicBoolean stdoutOverflow = new AtomicBoolean();
        Drain stdout = new Drain(process.getInputStream(), spec.maxStdoutBytes(), () -> {
            stdoutOverflow.set(true);
            killTree(process);
        });
        Drain stderr = new Drain(process.getErrorStream(), spec.maxStderrBytes(), null);
        Thread outThread = startDaemon(stdout, "process-stdout");
        Thread errThread = startDaemon(stderr, "process-stderr");
        AtomicBoolean memoryOverflow = new AtomicBoolean();
        MemoryWatch memory = spec.maxRssBytes() > 0 ? new MemoryWatch(process, spec.maxRssBytes(), () -> {
            memoryOverflow.set(true);
            killTree(process);
        }) : null;
        Thread memThread = memory == null ? null : startDaemon(memory, "process-memory");

        boolean exited;
        try {
            exited = process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new ProcessFailure(argv, ProcessFailure.Kind.INTERRUPTED, -1, "interrupted", stderr.text(), e);
        }
        if (!exited) {
            killTree(process);
        }
        if (memThread != null) {
            memThread.interrupt();
        }
        finishDrains(process, outThread, errThread);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (memoryOverflow.get()) {
            throw new ProcessFailure(argv, ProcessFailure.Kind.MEMORY_LIMIT, -1,
                    "killed: memory over " + (spec.maxRssBytes() / (1024 * 1024)) + " MiB (peak seen "
                            + (memory.peak() / (1024 * 1024)) + " MiB)", stderr.text());
        }

        if (!exited) {
            throw new ProcessFailure(argv, ProcessFailure.Kind.TIMEOUT, -1,
                    "timed out after " + format(spec.timeout()), stderr.text());
        }
        if (stdoutOverflow.get()) {
            throw new ProcessFailure(argv, ProcessFailure.Kind.OUTPUT_LIMIT, -1,
                    "stdout over " + spec.maxStdoutBytes() + " bytes", stderr.text());
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new ProcessFailure(argv, ProcessFailure.Kind.EXIT, exit, "exit status " + exit, stderr.text());
        }
        return new ProcessResult(exit, stdout.bytes(), stderr.text(), elapsed);
    }

    /**
     * Waits for the readers to see EOF. A grandchild that outlived its parent may still hold the
     * pipes open, so the wait is bounded and the streams are closed to release the readers.
     */
    private void finishDrains(Process process, Thread outThread, Thread errThread) {
        long bound = killGrace.toMillis() + 1000;
        try {
            outThread.join(bound);
            errThread.join(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outThread.isAlive() || errThread.isAlive()) {
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        }
    }

    /**
     * Terminates the process and every descendant. Descendants are collected first: once the
     * parent dies they are re-parented and can no longer be found from it.
     */
    private void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            handle.destroy();
        }
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (ProcessHandle handle : tree) {
            exits.add(handle.onExit());
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(killGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Fall through to the forced kill.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        try {
            process.waitFor(killGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }

    private static Thread startDaemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }

    /**
     * Samples the resident memory of a process and its descendants from {@code /proc} and fires
     * once when the sum passes the cap. Without {@code /proc} (not Linux) it does nothing: the time
     * and output caps still hold.
     */
    private static final class MemoryWatch implements Runnable {
        private static final long PERIOD_MILLIS = 25;
        private final Process process;
        private final long cap;
        private final Runnable onOverflow;
        private volatile long peak;

        MemoryWatch(Process process, long cap, Runnable onOverflow) {
            this.process = process;
            this.cap = cap;
            this.onOverflow = onOverflow;
        }

        @Override
        public void run() {
            if (!Files.isDirectory(Path.of("/proc/self"))) {
                return;
            }
            while (process.isAlive() && !Thread.currentThread().isInterrupted()) {
                long total = rss(process.pid());
                for (ProcessHandle child : process.descendants().toList()) {
                    total += rss(child.pid());
                }
                peak = Math.max(peak, total);
                if (total > cap) {
                    onOverflow.run();
                    return;
                }
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peak() {
            return peak;
        }

        /** VmRSS of one process in bytes; 0 once it is gone. */
        static long rss(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        String[] parts = line.substring(6).trim().split("\\s+");
                        return Long.parseLong(parts[0]) * 1024; // reported in kB
                    }
                }
            } catch (IOException | RuntimeException e) {
                // exited between listing and reading
            }
            return 0;
        }
    }

    /** Reads one stream to EOF, keeping at most {@code cap} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final long cap;
        private final Runnable onOverflow;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        /** @param onOverflow run once when the cap is passed; {@code null} keeps reading and drops the excess */
        Drain(InputStream in, long cap, Runnable onOverflow) {
            this.in = in;
            this.cap = cap;
            this.onOverflow = onOverflow;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (kept) {
                        long room = cap - kept.size();
                        if (n <= room) {
                            kept.write(buffer, 0, n);
                            continue;
                        }
                        kept.write(buffer, 0, (int) Math.max(0, room));
                    }
                    truncated = true;
                    if (onOverflow != null) {
                        onOverflow.run();
                        return;
                    }
                }
            } catch (IOException e) {
                // Stream closed under us (process killed or released); keep what was read.
            }
        }

        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }

        String text() {
            String text = new String(bytes(), StandardCharsets.UTF_8);
            return truncated && onOverflow == null ? text + "\n[stderr truncated]" : text;
        }
    }
}
