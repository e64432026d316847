package dev.briefing.bot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real shaded jar in its own JVM, as a user would, for the {@code *IT} tests. */
final class Jar {

    static final Path JAR = Path.of("target", "briefing-bot.jar").toAbsolutePath();
    /** The benchmarks' jar, beside the bot's, whose classes it finds there. */
    static final Path BENCH_JAR = Path.of("target", "briefing-bot-bench.jar").toAbsolutePath();
    static final Path ARTICLES = Path.of("..", "articles").toAbsolutePath();

    /** What one run printed and how it ended. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Jar() {
    }

    /** Runs the jar with {@code args} in {@code workDir} (where the JVM would leave an hs_err file), no input. */
    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return runWithInput(workDir, "", args);
    }

    /** As {@link #run(Path, String...)}, with {@code input} on the jar's standard input. */
    static Run runWithInput(Path workDir, String input, String... args) throws IOException, InterruptedException {
        return finish(start(workDir, args), input, args);
    }

    /** As {@link #run(Path, String...)}, with options for the JVM. */
    static Run run(Path workDir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return finish(start(JAR, workDir, jvmOptions, args), "", args);
    }

    /** As {@link #run(Path, List, String...)}, running the benchmarks' jar. */
    static Run runBench(Path workDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return finish(start(BENCH_JAR, workDir, jvmOptions, args), "", args);
    }

    private static Run finish(Process p, String input, String... args) throws IOException, InterruptedException {
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not exit within 120 s: " + List.of(args));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Starts the jar with {@code args} in {@code workDir}; the caller reads and ends it. */
    static Process start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, with options for the JVM ({@code -Djava.io.tmpdir=…}). */
    static Process start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return start(JAR, workDir, jvmOptions, args);
    }

    private static Process start(Path jar, Path workDir, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).start();
    }
}
