package dev.briefing.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.Main;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import dev.briefing.knowledge.SyncReport;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.query.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Prints index build time, time from JVM start to the first answer with a persisted index, and per-question
 * latency percentiles. A benchmark, not a test: figures go to stdout for the note, nothing is asserted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure index build, start-up to first answer, and answer latency p50/p99 for a folder.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--articles", paramLabel = "DIR", defaultValue = "articles", description = "Articles to index. Default: ${DEFAULT-VALUE}.")
    Path articles;

    @Option(names = "--questions", paramLabel = "FILE", required = true,
            description = "Questions: JSON lines with \"turns\" (the scorer's format) or plain lines, one question each.")
    Path questions;

    @Option(names = "--repeat", defaultValue = "20", description = "How often the question set is asked. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--starts", defaultValue = "5", description = "Fresh JVMs timed to their first answer. Default: ${DEFAULT-VALUE}.")
    int starts;

    @Override
    public Integer call() throws Exception {
        List<List<String>> conversations = readQuestions(questions);
        Path data = Files.createTempDirectory("briefing-bench");
        long t0 = System.nanoTime();
        SyncReport report;
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data))) {
            report = kb.sync(SyncListener.NONE);
        }
        double buildS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("index build: %d articles, %d passages in %.2f s (model load included) = %.1f articles/s%n",
                report.articles(), report.passages(), buildS, report.articles() / buildS);

        List<Double> startMs = new ArrayList<>();
        String first = conversations.get(0).get(0);
        for (int i = 0; i < starts; i++) {
            startMs.add(firstAnswerMs(data, first));
        }
        System.out.printf("JVM start to first answer (persisted index, %d runs): median %.0f ms, min %.0f ms, max %.0f ms%n",
                starts, percentile(startMs, 50), percentile(startMs, 0), percentile(startMs, 100));

        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data))) {
            kb.sync(SyncListener.NONE);
            List<Double> cold = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                for (List<String> turns : conversations) {
                    Conversation c = Conversation.empty();
                    for (String q : turns) {
                        long s = System.nanoTime();
                        Answer a = kb.ask(q, c);
                        double ms = (System.nanoTime() - s) / 1e6;
                        c = c.with(new Conversation.Turn(q, a));
                        all.add(ms);
                        if (r == 0) {
                            cold.add(ms);
                        }
                    }
                }
            }
            System.out.printf("latency, first pass (question embeddings not cached yet), %d questions: p50 %.2f ms, p99 %.2f ms%n",
                    cold.size(), percentile(cold, 50), percentile(cold, 99));
            System.out.printf("latency, %d questions x %d: p50 %.2f ms, p99 %.2f ms%n",
                    all.size() / repeat, repeat, percentile(all, 50), percentile(all, 99));
        }
        return 0;
    }

    /** Runs {@code ask} in a fresh JVM on the persisted index and times it from process start to exit. */
    private double firstAnswerMs(Path data, String question) throws Exception {
        String jar = new File(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", jar, Main.class.getName(), "ask",
                "--articles", articles.toString(), "--data", data.toString(), question);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long s = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the timed ask did not finish within 60 s");
        }
        return (System.nanoTime() - s) / 1e6;
    }

    static List<List<String>> readQuestions(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("{")) {
                JsonNode turns = json.readTree(l).get("turns");
                List<String> t = new ArrayList<>();
                turns.forEach(n -> t.add(n.asText()));
                out.add(t);
            } else {
                out.add(List.of(l));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no questions in " + file);
        }
        return out;
    }

    /** The p-th percentile by nearest rank (p = 0 gives the minimum, 100 the maximum). */
    static double percentile(List<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
