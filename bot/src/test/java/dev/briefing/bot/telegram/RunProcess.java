package dev.briefing.bot.telegram;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real bot, {@code java -jar target/briefing-bot.jar run}, as a child process on a data folder, with its log
 * appended to a file: to kill it with SIGKILL or stop it with SIGTERM during a burst, as an operator's machine would.
 */
final class RunProcess implements AutoCloseable {

    static final Path JAR = TelegramEmulator.MODULE_DIR.resolve("target/briefing-bot.jar");
    static final Path ARTICLES = TelegramEmulator.MODULE_DIR.resolve("../articles");

    private final Process process;

    private RunProcess(Process process) {
        this.process = process;
    }

    /** Whether the shaded jar has been built ({@code mvn package}). */
    static boolean built() {
        return Files.isRegularFile(JAR);
    }

    /** Starts {@code run} against {@code api} with {@code token}, keeping its data in {@code data}, logging to {@code log}. */
    static RunProcess start(URI api, String token, Path data, Path log) throws IOException {
        return start(api, token, data, log, List.of(), Map.of());
    }

    /** As {@link #start(URI, String, Path, Path)}, with more options for {@code run} and more environment. */
    static RunProcess start(URI api, String token, Path data, Path log, List<String> options, Map<String, String> env)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "run", "--articles",
                ARTICLES.toString(), "--data", data.toString(), "--rescan", "0"));
        command.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TELEGRAM_BOT_TOKEN", token);
        pb.environment().put("TELEGRAM_API_URL", api.toString());
        pb.environment().putAll(env);
        return new RunProcess(pb.start());
    }

    /**
     * Builds {@code data}'s index with every vector in ({@code ingest} returns only then), so a {@code run} started on
     * it answers as it will once settled, not from keywords alone while its vectors are still computed.
     */
    static void ingest(Path data, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "ingest", "--articles", ARTICLES.toString(),
                "--data", data.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("ingest into " + data + " failed; see " + log);
        }
    }

    /** SIGKILL: the process dies at once, mid-whatever. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the shutdown hook to finish; returns the exit code, or -1 if it did not stop in time. */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** Waits for the {@code n}-th start in {@code log} ("is running"), or fails with the log after {@code timeout}. */
    static void awaitRunning(Path log, int n, java.time.Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).split("is running; Ctrl-C stops it", -1).length > n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the bot did not start within " + timeout.toSeconds() + " s; see " + log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(30);
        }
    }
}
