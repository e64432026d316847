package dev.briefing.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real benchmarks' jar's {@code bench}, run as a user would, beside the bot's jar. */
class BenchIT {

    private static final String BENCH = "dev/briefing/bot/bench/";

    @Test
    void withoutADataFolderItMeasuresInATemporaryOneAndDeletesIt(@TempDir Path dir) throws Exception {
        // given a question and a temporary-files folder of the test's own
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path questions = Files.writeString(dir.resolve("questions.txt"), "What is the CSTO?\n");
        // when bench runs over the sample without --data
        String articles = Jar.ARTICLES.toString();
        Jar.Run run = Jar.runBench(dir, List.of("-Djava.io.tmpdir=" + tmp), "bench", "--articles", articles,
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

    @Test
    void theBotsJarShipsWithoutTheBenchmarksAndTheirJarHoldsThemAlone() throws Exception {
        // given the two jars the build made, when their classes are listed
        List<String> bot = classes(Jar.JAR);
        List<String> bench = classes(Jar.BENCH_JAR);
        // then the bot's holds its own and none of the benchmarks', and the benchmarks' nothing else
        assertTrue(bot.contains("dev/briefing/bot/Main.class"), bot.size() + " classes");
        assertEquals(List.of(), bot.stream().filter(c -> c.startsWith(BENCH)).toList());
        assertTrue(bench.contains(BENCH + "BenchCommand.class"), bench.toString());
        assertEquals(List.of(), bench.stream().filter(c -> !c.startsWith(BENCH)).toList());
    }

    private static List<String> classes(Path jar) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
        }
    }
}
