package dev.briefing.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short command on an index that is up to date must exit cleanly. Before the fix, {@code summary} started
 * loading the embedding model at open and the JVM exited while onnxruntime was still inside the native load:
 * SIGSEGV, exit 134 and an {@code hs_err_pid*.log} in 16 of 20 runs on this machine.
 */
class ShortCommandExitIT {

    private static final int RUNS = 5;

    @Test
    void summaryRunRepeatedlyOnABuiltIndexNeverCrashesTheJvm(@TempDir Path dir) throws Exception {
        // given an index built by a first run
        Path data = dir.resolve("data");
        Jar.Run first = Jar.run(dir, "summary", "--articles", Jar.ARTICLES.toString(), "--data", data.toString());
        assertEquals(0, first.exit(), first.toString());
        for (int i = 0; i < RUNS; i++) {
            // when summary runs again on it
            Jar.Run again = Jar.run(dir, "summary", "--articles", Jar.ARTICLES.toString(), "--data", data.toString());
            // then it exits 0 and leaves no crash report
            assertEquals(0, again.exit(), "run " + (i + 1) + ": " + again);
            assertTrue(again.out().startsWith("Briefing for "), again.toString());
            assertFalse(again.err().contains("SIGSEGV"), again.toString());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("hs_err")).count());
        }
    }
}
