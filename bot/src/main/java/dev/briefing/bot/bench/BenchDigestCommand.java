package dev.briefing.bot.bench;

import dev.briefing.bot.cli.Folders;
import dev.briefing.bot.digest.DigestScheduler;
import dev.briefing.bot.digest.DigestSender;
import dev.briefing.bot.digest.Pacer;
import dev.briefing.bot.digest.SendResult;
import dev.briefing.bot.digest.Sleeper;
import dev.briefing.bot.digest.TickReport;
import dev.briefing.bot.store.DigestState;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.summary.ArticleSource;
import dev.briefing.bot.summary.SummaryService;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.ingest.ArticleFolder;
import dev.briefing.knowledge.ingest.UnreadableArticleException;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import dev.briefing.knowledge.summarize.Summarizer;
import dev.briefing.knowledge.summarize.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;

/**
 * Measures the daily briefing: one day's summary on the sample folder and on a larger generated one, and a
 * digest sent to many chats against a client that enforces Telegram's overall rate the way Telegram does
 * (a 429 beyond {@code --rate} messages in any second). Not a test: it takes minutes at full scale.
 */
@Command(name = "bench-digest", mixinStandardHelpOptions = true,
        description = "Measure summary time and the time to send a digest to many chats at Telegram's rate.")
public final class BenchDigestCommand implements Callable<Integer> {

    @Option(names = "--articles", paramLabel = "DIR", defaultValue = "articles",
            description = "The sample articles folder. Default: ${DEFAULT-VALUE}.")
    Path articles;

    @Option(names = "--generated", paramLabel = "N", defaultValue = "400",
            description = "Articles on the generated folder's busiest day. Default: ${DEFAULT-VALUE}.")
    int generated;

    @Option(names = "--chats", paramLabel = "N", defaultValue = "10000",
            description = "Subscribed chats to send the digest to; 300 runs in about ten seconds. Default: ${DEFAULT-VALUE}.")
    int chats;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "30",
            description = "Messages a second the client accepts before answering 429. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "50",
            description = "How long the client takes to answer one send. Default: ${DEFAULT-VALUE}.")
    int latencyMs;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "" + DigestScheduler.DEFAULT_WORKERS,
            description = "Parallel senders. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Spec
    CommandSpec spec;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        validate();
        Path work = Files.createTempDirectory("bench-digest");
        try {
            List<Article> sample = read(articles);
            out.printf("== summary of one day%n");
            benchSummary("sample folder " + articles, sample);
            Path folder = work.resolve("generated");
            generate(folder, sample, generated);
            benchSummary("generated folder (" + generated + " articles that day)", read(folder));
            out.printf("%n== digest to %,d chats at %d msgs/s (client answers in %d ms, %d senders)%n", chats, rate, latencyMs, workers);
            return benchDigest(sample, work.resolve("data"));
        } finally {
            Folders.deleteTree(work);
        }
    }

    /** Checks every number before minutes of work start, rather than failing part-way. */
    private void validate() {
        atLeast("--generated", generated, 1);
        atLeast("--chats", chats, 1);
        atLeast("--rate", rate, 1);
        atLeast("--latency-ms", latencyMs, 0);
        atLeast("--workers", workers, 1);
        if (!Files.isDirectory(articles)) {
            throw new ParameterException(spec.commandLine(), "no articles folder at " + articles.toAbsolutePath()
                    + "; pass --articles DIR");
        }
    }

    private void atLeast(String option, int value, int least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + least + ", not " + value);
        }
    }

    private void benchSummary(String label, List<Article> all) {
        Map<LocalDate, List<Article>> byDay = all.stream().filter(a -> a.date() != null)
                .collect(Collectors.groupingBy(Article::date, TreeMap::new, Collectors.toList()));
        if (byDay.isEmpty()) {
            throw new IllegalArgumentException("no dated articles in the " + label);
        }
        LocalDate day = byDay.entrySet().stream().max(Comparator.comparingInt((Map.Entry<LocalDate, List<Article>> e) -> e.getValue().size())
                .thenComparing(Map.Entry::getKey)).orElseThrow().getKey();
        List<Article> today = byDay.get(day);
        List<Article> before = byDay.getOrDefault(day.minusDays(1), List.of());
        Summarizer summarizer = new CentroidSummarizer();
        for (int i = 0; i < 5; i++) {
            summarizer.summarize(day, today, before); // warm-up: JIT
        }
        int runs = 15;
        long[] nanos = new long[runs];
        Summary s = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            s = summarizer.summarize(day, today, before);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        long passages = today.stream().mapToLong(a -> a.passages().size()).sum();
        long chars = today.stream().mapToLong(a -> a.text().length()).sum();
        out.printf("%s: %s, %d articles (%d passages, %,d chars), %d before; %d points + %d new%n",
                label, day, today.size(), passages, chars, before.size(), s.points().size(), s.newSinceDayBefore().size());
        out.printf("  summary time: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (after warm-up)%n",
                nanos[runs / 2] / 1e6, nanos[0] / 1e6, nanos[runs - 1] / 1e6, runs);
    }

    private int benchDigest(List<Article> sample, Path data) {
        Clock clock = Clock.systemUTC();
        CountingSummarizer counting = new CountingSummarizer();
        RateLimitedClient client = new RateLimitedClient(chats, rate, latencyMs);
        try (JdbcStore store = JdbcStore.open(data)) {
            long t0 = System.nanoTime();
            for (long chat = 1; chat <= chats; chat++) {
                // Midnight UTC, subscribed long ago: every chat is due now, the worst case.
                store.subscribe(Subscription.of(chat, LocalTime.MIDNIGHT, ZoneOffset.UTC, Instant.EPOCH));
            }
            out.printf("subscribing %,d chats: %.1f s%n", chats, (System.nanoTime() - t0) / 1e9);
            SummaryService summaries = new SummaryService(ArticleSource.of(sample), counting, store, clock);
            try (DigestScheduler scheduler = new DigestScheduler(store, store, summaries, client,
                    new Pacer(rate, clock, Sleeper.SYSTEM), clock, workers)) {
                TickReport first = scheduler.tick();
                TickReport second = scheduler.tick();
                double floor = (double) chats / rate;
                // A sliding window lets the first second's worth go at once: the strict floor is a second less.
                double strictFloor = Math.max(0, chats - rate) / (double) rate + latencyMs / 1000.0;
                double took = first.elapsed().toNanos() / 1e9;
                LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
                long settled = 0;
                for (long chat = 1; chat <= chats; chat++) {
                    if (store.digest(chat, today).map(r -> r.state() == DigestState.SENT).orElse(false)) {
                        settled++;
                    }
                }
                out.printf("first tick: %s%n", first);
                out.printf("  planning %.1f ms; sending took %.1f s against a floor of %.1f s (chats / rate; %.1f s counting"
                                + " the first burst a sliding window allows): %.2f%% above the strict floor%n",
                        first.planning().toNanos() / 1e6, took, floor, strictFloor, 100 * (took - strictFloor) / strictFloor);
                out.printf("  client: %,d accepted, %d answered 429, %d chats got more than one digest, %d got none%n",
                        client.accepted.get(), client.rejected.get(), client.duplicates(), client.missing());
                out.printf("  summaries computed: %d (one day, shared by every chat); rows marked SENT: %,d%n",
                        counting.calls.get(), settled);
                out.printf("second tick right after: %d due, %d sent (exactly once)%n", second.due(), second.sent());
                return client.duplicates() == 0 && client.missing() == 0 ? 0 : 1;
            }
        }
    }

    /** A stand-in for Telegram: answers 429 beyond {@code rate} messages in any second, counts per chat. */
    static final class RateLimitedClient implements DigestSender {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        private final AtomicIntegerArray perChat;
        private final int rate;
        private final long latencyNanos;
        private final ArrayDeque<Long> window = new ArrayDeque<>();

        RateLimitedClient(int chats, int rate, int latencyMs) {
            this.perChat = new AtomicIntegerArray(chats + 1);
            this.rate = rate;
            this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMs);
        }

        @Override
        public SendResult send(long chatId, String html) {
            synchronized (window) {
                long now = System.nanoTime();
                while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                    window.pollFirst();
                }
                if (window.size() >= rate) {
                    rejected.incrementAndGet();
                    return SendResult.retryAfter(1);
                }
                window.addLast(now);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(latencyNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SendResult.failed("interrupted");
            }
            perChat.incrementAndGet((int) chatId);
            accepted.incrementAndGet();
            return SendResult.ok();
        }

        int duplicates() {
            int n = 0;
            for (int i = 1; i < perChat.length(); i++) {
                n += perChat.get(i) > 1 ? 1 : 0;
            }
            return n;
        }

        int missing() {
            int n = 0;
            for (int i = 1; i < perChat.length(); i++) {
                n += perChat.get(i) == 0 ? 1 : 0;
            }
            return n;
        }
    }

    static final class CountingSummarizer implements Summarizer {
        final AtomicInteger calls = new AtomicInteger();
        private final Summarizer delegate = new CentroidSummarizer();

        @Override
        public Summary summarize(LocalDate day, List<Article> articles, List<Article> dayBefore) {
            calls.incrementAndGet();
            return delegate.summarize(day, articles, dayBefore);
        }

        @Override
        public String algorithm() {
            return delegate.algorithm();
        }
    }

    /** Reads a folder into article records the way the index does, without building the index. */
    static List<Article> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no articles folder at " + dir.toAbsolutePath() + "; pass --articles DIR");
        }
        ArticleFolder folder = new ArticleFolder(dir);
        List<Article> out = new ArrayList<>();
        for (Path file : folder.files()) {
            try {
                out.add(folder.read(file, Files.readAllBytes(file)));
            } catch (UnreadableArticleException e) {
                // The index skips these too; a benchmark needs no report of them.
            }
        }
        return out;
    }

    /**
     * Writes a larger folder: a busy day of {@code n} articles and a day before of {@code n/4}, each made of
     * paragraphs drawn from the sample (so wire copies abound, as in real news) and a sentence of its own.
     */
    static void generate(Path dir, List<Article> sample, int n) throws IOException {
        Files.createDirectories(dir);
        List<String> paragraphs = sample.stream().flatMap(a -> a.passages().stream()).map(Passage::text)
                .filter(t -> t.length() > 80).toList();
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("the sample articles have no paragraphs to generate from");
        }
        String[] places = {"Almaty", "Nur-Sultan", "Moscow", "Berlin", "Brussels", "Washington", "Beijing", "Bishkek"};
        String[] things = {"checkpoints", "arrests", "flights", "fuel deliveries", "bank branches", "border crossings"};
        Random random = new Random(42);
        LocalDate busy = LocalDate.of(2022, 2, 2);
        int total = n + n / 4;
        for (int i = 0; i < total; i++) {
            LocalDate day = i < n ? busy : busy.minusDays(1);
            StringBuilder b = new StringBuilder();
            b.append("Generated report ").append(i).append("\n\n").append(day).append("\n\n");
            int count = 4 + random.nextInt(6);
            for (int k = 0; k < count; k++) {
                b.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
            }
            b.append(String.format(Locale.ROOT, "Officials in %s reported %d %s closed on %s, according to report %d.%n",
                    places[random.nextInt(places.length)], 2 + random.nextInt(90), things[random.nextInt(things.length)],
                    day.getDayOfWeek().toString().toLowerCase(Locale.ROOT), i));
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "gen_%05d.txt", i)), b.toString());
        }
    }
}
