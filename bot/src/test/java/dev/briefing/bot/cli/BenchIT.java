package dev.briefing.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real jar's {@code bench}, run as a user would. */
class BenchIT {

    @Test
    void withoutADataFolderItMeasuresInATemporaryOneAndDeletesIt(@TempDir Path dir) throws Exception {
        // given a question and a temporary-files folder of the test's own
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path questions = Files.writeString(dir.resolve("questions.txt"), "What is the CSTO?\n");
        // when bench runs over the sample without --data
        Jar.Run run = Jar.run(dir, List.of("-Djava.io.tmpdir=" + tmp), "bench", "--articles", Jar.ARTICLES.toString(),
                "--questions", questions.toString(), "--repeat", "1", "--starts", "1");
        // then it measured, and its data folder is gone
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("latency, first pass"), run.toString());
        // after the warm-up, whose answers it counts
        assertTrue(run.out().matches("(?s).*warm-up before the first pass [^\\n]*: [1-9]\\d* answers in [\\d.]+ s\\n.*"),
                run.toString());
        assertTrue(run.out().matches("(?s).*first pass, garbage collection: \\d+ collections, \\d+ ms in all .*; \\d+ of 1 "
                + "questions met one.*"), run.toString());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("briefing-bench")).toList());
        }
    }
}
