package dev.guardrails.plugin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code guardrails ARGS} in its own JVM on the test classpath, as the launcher starts it, with the JVM's
 * class-loading log written to a file: which classes a command loads is what tells whether it started
 * a Micronaut application context.
 */
public final class ChildCli {

    /** Loaded by every Micronaut application context start, and only then. */
    public static final String CONTEXT_CLASS = "io.micronaut.context.DefaultApplicationContext";

    private final Process process;
    private final Path classLog;
    private final Path stdout;
    private final Path stderr;

    private ChildCli(Process process, Path classLog, Path stdout, Path stderr) {
        this.process = process;
        this.classLog = classLog;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code guardrails ARGS} in {@code dir}, with extra environment variables and {@code -D} properties. */
    public static ChildCli start(Path tmp, Path dir, Map<String, String> env, List<String> jvmProperties, String... args)
            throws IOException {
        Path logs = Files.createTempDirectory(tmp, "child");
        Path classLog = logs.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xlog:class+load=info:file=" + classLog));
        command.addAll(jvmProperties);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                GuardrailsCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(logs.resolve("stdout").toFile()).redirectError(logs.resolve("stderr").toFile());
        pb.environment().putAll(env);
        return new ChildCli(pb.start(), classLog, logs.resolve("stdout"), logs.resolve("stderr"));
    }

    public Process process() {
        return process;
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Whether the JVM loaded {@code className} (complete once the process has exited). */
    public boolean loaded(String className) {
        return read(classLog).lines().anyMatch(l -> l.contains(" " + className + " "));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
