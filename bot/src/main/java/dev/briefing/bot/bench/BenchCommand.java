package dev.briefing.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.Main;
import dev.briefing.bot.cli.Folders;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import dev.briefing.knowledge.SyncReport;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.retrieve.HybridRetriever;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Prints index build time (until answerable by BM25, and until every vector is in), time from JVM start to the
 * first answer with a persisted index, per-question latency percentiles (the first pass uncached), retrieval
 * quality over the questions that name evidence, and the process's peak RSS. With {@code --scale N} it first
 * builds a synthetic folder of N articles from the given one. A benchmark, not a test: figures go to stdout for
 * the note, nothing is asserted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure index build, start-up to first answer, answer latency p50/p99 and peak RSS for a folder.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--articles", paramLabel = "DIR", defaultValue = "articles", description = "Articles to index. Default: ${DEFAULT-VALUE}.")
    Path articles;

    @Option(names = "--questions", paramLabel = "FILE", required = true,
            description = "Questions: JSON lines with \"turns\" (the scorer's format) or plain lines, one question each.")
    Path questions;

    @Option(names = "--repeat", defaultValue = "20", description = "How often the question set is asked. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--starts", defaultValue = "5", description = "Fresh JVMs timed to their first answer. Default: ${DEFAULT-VALUE}.")
    int starts;

    @Option(names = "--scale", paramLabel = "N", description = "First build a synthetic folder of N unique articles "
            + "from --articles (its .txt files, kept, plus articles of their sentences reshuffled) and measure that.")
    Integer scale;

    @Option(names = "--scale-into", paramLabel = "DIR", description = "An empty folder for the --scale articles "
            + "(kept, so other programs can be measured on the same files). Default: a new temporary folder.")
    Path scaleInto;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for --scale. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "The data folder to build the index in, kept "
            + "afterwards. An index already there (an earlier bench's over the same --articles) is brought in step "
            + "and reused, so answers are timed again without rebuilding 5,000 articles' vectors; the build line then "
            + "times that sync. The first pass stays uncached: question vectors are not kept on disk. "
            + "Default: a new temporary folder, deleted at the end.")
    Path data;

    @Override
    public Integer call() throws Exception {
        List<List<String>> conversations = readQuestions(questions);
        if (scale != null) {
            Path into = scaleInto != null ? scaleInto : Files.createTempDirectory("briefing-scaled");
            ScaledFolder.build(articles, scale, seed, into);
            System.out.printf("scaled folder: %d articles from %s in %s%n", scale, articles, into);
            articles = into;
        }
        if (data != null) {
            Folders.requireWritable(spec.commandLine(), "--data", data);
        }
        boolean reused = data != null && Files.isDirectory(data.resolve("index"));
        boolean temporary = data == null;
        if (temporary) {
            data = Files.createTempDirectory("briefing-bench");
        }
        try {
            return measure(conversations, reused);
        } finally {
            if (temporary) {
                try {
                    Folders.deleteTree(data);
                } catch (IOException e) {
                    // the figures stand; only the clean-up failed
                    System.err.println("warning: could not delete the temporary data folder " + data + ": " + e);
                }
            }
        }
    }

    /** Builds (or brings in step) the index in {@link #data}, then times starts and answers and prints the figures. */
    private int measure(List<List<String>> conversations, boolean reused) throws Exception {
        long t0 = System.nanoTime();
        SyncReport report;
        double lexicalS;
        double buildS;
        int sentences;
        double sentencesS;
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data))) {
            report = kb.sync(SyncListener.NONE, KnowledgeBase.Vectors.IN_BACKGROUND);
            lexicalS = (System.nanoTime() - t0) / 1e9;
            kb.awaitVectors(SyncListener.NONE);
            buildS = (System.nanoTime() - t0) / 1e9;
            // the first pass below times questions over stored sentence vectors, as the bot serves once they are in
            sentences = kb.pendingSentenceVectors();
            kb.awaitSentenceVectors(n -> { });
            sentencesS = (System.nanoTime() - t0) / 1e9 - buildS;
        }
        System.out.printf((reused ? "index reused from " + data + ", brought in step: " : "index build: ") + "%d articles, %d passages; answerable by BM25 after %.2f s, every vector in after "
                        + "%.2f s (model load included) = %.1f articles/s%n",
                report.articles(), report.passages(), lexicalS, buildS, report.articles() / buildS);
        System.out.printf("sentence vectors (background, after the passages'; ingest does not wait for them): %d sentences "
                        + "in %.2f s more = %.0f sentences/s%n", sentences, sentencesS, sentences / sentencesS);

        List<Double> startMs = new ArrayList<>();
        String first = conversations.get(0).get(0);
        for (int i = 0; i < starts; i++) {
            startMs.add(firstAnswerMs(data, first));
        }
        System.out.printf("JVM start to first answer (persisted index, %d runs): median %.0f ms, min %.0f ms, max %.0f ms%n",
                starts, percentile(startMs, 50), percentile(startMs, 0), percentile(startMs, 100));

        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data))) {
            kb.sync(SyncListener.NONE);
            // The first pass measures questions not asked before, not the model's load nor the JVM compiling the
            // answer path: wait for the warm-up the bot does at start (made-up questions, none of the set's).
            long warmUpStart = System.nanoTime();
            int warmUpAnswers = kb.warmUpAnswers().join();
            System.out.printf("warm-up before the first pass (a bot's start runs it in the background): "
                    + "%d answers in %.1f s%n", warmUpAnswers, (System.nanoTime() - warmUpStart) / 1e9);
            // Latency first: measuring retrieval embeds every question, which would make the "first pass" cached.
            List<Double> cold = new ArrayList<>();
            List<Double> coldWithoutGc = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            long[] gcBefore = gcCountAndMillis();
            long[] gcAfterCold = gcBefore;
            for (int r = 0; r < repeat; r++) {
                for (List<String> turns : conversations) {
                    Conversation c = Conversation.empty();
                    for (String q : turns) {
                        long collections = gcCountAndMillis()[0];
                        long s = System.nanoTime();
                        Answer a = kb.ask(q, c);
                        double ms = (System.nanoTime() - s) / 1e6;
                        c = c.with(new Conversation.Turn(q, a));
                        all.add(ms);
                        (r == 0 ? cold : warm).add(ms);
                        if (r == 0 && gcCountAndMillis()[0] == collections) {
                            coldWithoutGc.add(ms);
                        }
                    }
                }
                if (r == 0) {
                    gcAfterCold = gcCountAndMillis();
                }
            }
            System.out.printf("latency, first pass (questions not asked before, after the start's warm-up; sentence vectors read from the index), %d questions: p50 %.2f ms, p99 %.2f ms%n",
                    cold.size(), percentile(cold, 50), percentile(cold, 99));
            System.out.println("first pass, slowest three (question number: ms): " + java.util.stream.IntStream
                    .range(0, cold.size()).boxed().sorted((x, y) -> Double.compare(cold.get(y), cold.get(x))).limit(3)
                    .map(i -> String.format("%d: %.0f", i + 1, cold.get(i))).collect(java.util.stream.Collectors.joining(", ")));
            // how much of the first pass's tail is the collector's: a young collection pauses every thread
            System.out.printf("first pass, garbage collection: %d collections, %d ms in all (the collectors' own count)"
                            + "; %d of %d questions met one%s%n",
                    gcAfterCold[0] - gcBefore[0], gcAfterCold[1] - gcBefore[1], cold.size() - coldWithoutGc.size(),
                    cold.size(), coldWithoutGc.isEmpty() ? "" : String.format("; the %d that met none: p50 %.2f ms, p99 %.2f ms",
                            coldWithoutGc.size(), percentile(coldWithoutGc, 50), percentile(coldWithoutGc, 99)));
            System.out.printf("latency, %d questions x %d: p50 %.2f ms, p99 %.2f ms%n",
                    all.size() / repeat, repeat, percentile(all, 50), percentile(all, 99));
            if (!warm.isEmpty()) {
                System.out.printf("latency, warm (passes 2 to %d, everything cached), %d answers: p50 %.2f ms, p99 %.2f ms%n",
                        repeat, warm.size(), percentile(warm, 50), percentile(warm, 99));
            }
            printRetrievalQuality(kb);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("memory: peak RSS %s, heap max %d MB, heap used now %d MB%n", peakRss(),
                rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        return 0;
    }

    /** The process's peak resident set (VmHWM), which counts the model's native memory too; Linux only. */
    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb >> 10) + " MB";
                }
            }
        } catch (Exception e) {
            // not Linux: say so below
        }
        return "unknown (no /proc/self/status)";
    }

    /**
     * For questions that name their evidence (the scorer's format; unanswerable items, whose evidence is empty,
     * do not count), where each ranking puts the first passage holding it: recall at 1, 5 and 10, and mean
     * reciprocal rank, for BM25 alone (what answers have while vectors are missing), vectors alone and fused.
     */
    private void printRetrievalQuality(KnowledgeBase kb) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(questions)) {
            if (line.strip().startsWith("{")) {
                JsonNode n = json.readTree(line);
                if (n.has("evidence") && !n.get("evidence").isEmpty() && n.get("turns").size() == 1) {
                    items.add(n);
                }
            }
        }
        if (items.isEmpty()) {
            return;
        }
        for (HybridRetriever.Ranking r : HybridRetriever.Ranking.values()) {
            int at1 = 0;
            int at5 = 0;
            int at10 = 0;
            double mrr = 0;
            for (JsonNode item : items) {
                List<Passage> found = kb.search(item.get("turns").get(0).asText(), 10, r);
                for (int i = 0; i < found.size(); i++) {
                    String text = normalize(found.get(i).text());
                    boolean holds = false;
                    for (JsonNode e : item.get("evidence")) {
                        holds |= text.contains(normalize(e.asText()));
                    }
                    if (holds) {
                        at1 += i < 1 ? 1 : 0;
                        at5 += i < 5 ? 1 : 0;
                        at10 += 1;
                        mrr += 1.0 / (i + 1);
                        break;
                    }
                }
            }
            int n = items.size();
            System.out.printf("retrieval %-7s over %d questions: recall@1 %.2f, recall@5 %.2f, recall@10 %.2f, MRR %.3f%n",
                    r, n, at1 / (double) n, at5 / (double) n, at10 / (double) n, mrr / n);
        }
    }

    private static String normalize(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** Collections so far, and the time they took, summed over the JVM's collectors. */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * Runs the bot's {@code ask} in a fresh JVM on the persisted index and times it from process start to exit, as a
     * user starts it: {@code java -jar briefing-bot.jar}, the jar that holds {@link Main} (beside this one).
     */
    private double firstAnswerMs(Path data, String question) throws Exception {
        Class<?> main = Main.class;
        String jar = new File(main.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", jar, main.getName(), "ask",
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
