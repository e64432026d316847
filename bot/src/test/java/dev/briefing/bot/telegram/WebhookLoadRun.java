package dev.briefing.bot.telegram;

import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.telegram.TelegramEmulator.BotMessage;
import dev.briefing.bot.telegram.TelegramEmulator.Chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A benchmark, not a test: the same questions through one instance and through several, each a real {@code run} (the
 * shaded jar) in webhook mode behind the emulator, which posts the updates to the instances in turn as a load balancer
 * would. {@code chats} people each ask their share of {@code questions} one after the other (the next once the answer
 * came), all chats at once; it prints, per configuration, answers per second and the end-to-end latency (from the
 * user's message to the bot's answer in the emulator) p50 and p99, and whether every question was answered exactly
 * once. Configurations run in the order given, so "1 2 1 2" interleaves them.
 *
 * <pre>mvn -B -pl bot -am package -DskipTests -Pwebhook-load [-Dwebhook.load.args="1000 100 1 2"]</pre>
 *
 * Arguments: questions (1000), chats (100), then the instance counts to compare (1 2). Each instance has its own data
 * folder; with {@code BRIEFING_TEST_DATABASE_URL} set (password in {@code BRIEFING_TEST_DATABASE_PASSWORD}, handed to
 * each {@code run} as {@code BRIEFING_DATABASE_PASSWORD}) the instances of one configuration share a new schema on
 * that PostgreSQL server ({@code run --database}), dropped after it: each configuration starts from an empty store, as
 * the emulator restarts its update ids from 1 and a shared inbox would take them for copies of the last run's. Without
 * the URL each instance keeps its own SQLite file, which round-robin without copies allows (no update reaches two
 * instances).
 */
public final class WebhookLoadRun {

    static final String BOT = "BriefingBenchBot";
    static final String TOKEN = "717171:WEBHOOK-bench_token";
    /** Questions each instance answers before the clock starts: the model loaded, the first index reads done. */
    static final int WARM_UP = 10;

    private WebhookLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int chats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Integer> configurations = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            configurations.add(Integer.parseInt(args[i]));
        }
        if (configurations.isEmpty()) {
            configurations = List.of(1, 2);
        }
        if (!TelegramEmulator.installed()) {
            System.err.println(TelegramEmulator.INSTALL_HINT);
            System.exit(2);
        }
        if (!RunProcess.built()) {
            System.err.println("build the jar first: mvn -B -pl bot -am package -DskipTests");
            System.exit(2);
        }
        boolean postgres = Optional.ofNullable(System.getenv(TestDatabases.URL_VARIABLE)).filter(s -> !s.isBlank())
                .isPresent();
        System.out.printf("webhook bench: %d questions from %d chats, instances %s, %s, %d cores%n", questions, chats,
                configurations, postgres ? "one PostgreSQL database per configuration, shared by its instances"
                        : "a SQLite file per instance", Runtime.getRuntime().availableProcessors());
        List<String> results = new ArrayList<>();
        boolean allOnce = true;
        for (int n : configurations) {
            TestDatabases schemas = new TestDatabases();
            Result r;
            try {
                Optional<String> database = postgres
                        ? Optional.of(((Database.Postgres) schemas.create(TestDatabases.Engine.POSTGRESQL)).url())
                        : Optional.empty();
                r = run(n, questions, chats, database);
            } finally {
                schemas.dropAll();
            }
            String line = String.format("%d instance%s: %d answers in %.1f s = %.1f answers/s; latency p50 %d ms,"
                            + " p99 %d ms; exactly once: %s", n, n == 1 ? " " : "s", r.answered(), r.seconds(),
                    r.answered() / r.seconds(), r.p50(), r.p99(), r.problems().isEmpty() ? "yes"
                            : "NO (" + r.problems().size() + " problems, first: " + r.problems().get(0) + ")");
            System.out.println(line);
            results.add(line);
            allOnce &= r.problems().isEmpty();
        }
        System.out.println("summary:");
        results.forEach(line -> System.out.println("  " + line));
        System.exit(allOnce ? 0 : 1);
    }

    record Result(int answered, double seconds, long p50, long p99, List<String> problems) {
    }

    static Result run(int instances, int questions, int chats, Optional<String> database) throws Exception {
        Path work = Files.createTempDirectory("webhook-bench");
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT, 0);
             WebhookCluster cluster = WebhookCluster.start(emulator.url(), TOKEN, instances, work, database,
                     List.of("--questions-per-minute", "100000"))) {
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            // Round-robin: WARM_UP questions per instance, from chats the timed run does not use.
            ask(emulator, Math.max(1, instances), WARM_UP, 1_000, Collections.synchronizedList(new ArrayList<>()),
                    problems);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            ask(emulator, chats, (questions + chats - 1) / chats, 50_000, latencies, problems);
            double seconds = (System.nanoTime() - start) / 1e9;
            // Anything arriving after the last answer would be a second answer.
            Thread.sleep(2_000);
            for (int c = 0; c < chats; c++) {
                List<BotMessage> extra = emulator.awaitBotMessages(TOKEN, Chat.privateWith(50_000 + c), 1, Duration.ZERO);
                if (!extra.isEmpty()) {
                    problems.add("chat " + (50_000 + c) + ": extra messages " + extra.size());
                }
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Result(sorted.size(), seconds, percentile(sorted, 50), percentile(sorted, 99), problems);
        }
    }

    /** {@code chats} chats from {@code firstChat} on each ask {@code perChat} questions in turn, all chats at once. */
    private static void ask(TelegramEmulator emulator, int chats, int perChat, long firstChat, List<Long> latencies,
                            List<String> problems) throws Exception {
        ExecutorService people = Executors.newFixedThreadPool(chats);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < chats; c++) {
                Chat chat = Chat.privateWith(firstChat + c);
                int offset = c;
                done.add(people.submit(() -> {
                    for (int q = 0; q < perChat; q++) {
                        String question = TelegramLoadRun.QUESTIONS.get((offset + q) % TelegramLoadRun.QUESTIONS.size());
                        long t0 = System.nanoTime();
                        int id = emulator.write(TOKEN, chat, chat.id(), question);
                        List<BotMessage> got = emulator.awaitBotMessages(TOKEN, chat, 1, Duration.ofSeconds(120));
                        latencies.add((System.nanoTime() - t0) / 1_000_000);
                        if (got.size() != 1 || got.get(0).replyTo() == null || got.get(0).replyTo() != id) {
                            problems.add("chat " + chat.id() + " question " + id + ": got " + got.size() + " messages");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            people.shutdown();
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i));
    }
}
