package dev.briefing.bot.telegram;

import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.chat.ScriptedKnowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.telegram.TelegramEmulator.BotMessage;
import dev.briefing.bot.telegram.TelegramEmulator.Chat;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A load run, not a test: {@code chats} people each ask {@code questions} questions one after the other,
 * all at once, through the local Bot API emulator, to the real bot with Telegram's real flood limits. Checks
 * that every question is answered exactly once, threaded to it, and prints answer latency p50/p99 and the
 * total time.
 *
 * <pre>mvn -B -q -o -pl bot -am test -DskipTests -Ptelegram-load [-Dload.args="100 10 real"]</pre>
 *
 * Arguments: chats (100), questions per chat (10), knowledge: {@code real} (the knowledge base over
 * {@code articles/}) or {@code scripted} (instant answers, to measure the Telegram side alone).
 */
public final class TelegramLoadRun {

    static final String BOT = "BriefingLoadBot";
    static final long BOT_ID = 777000;
    static final String TOKEN = BOT_ID + ":LOAD-run-token";
    static final List<String> QUESTIONS = List.of(
            "What did Tokayev order?",
            "Why did the protests in Kazakhstan start?",
            "Who sent troops to Kazakhstan?",
            "What happened in Almaty?",
            "How many people died in the unrest?",
            "What did Russia say about the intervention?",
            "Did Germany stop arms exports?",
            "What is the CSTO?",
            "What happened to fuel prices?",
            "Who is Kassym-Jomart Tokayev?");

    private TelegramLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int chats = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean real = args.length < 3 || args[2].equals("real");
        if (!TelegramEmulator.installed()) {
            System.err.println(TelegramEmulator.INSTALL_HINT);
            System.exit(2);
        }
        Path data = Files.createTempDirectory("load-run");
        KnowledgeBase kb = null;
        Knowledge knowledge;
        if (real) {
            kb = KnowledgeBase.open(new KnowledgeSettings(TelegramEmulator.MODULE_DIR.resolve("../articles"), data));
            kb.sync(SyncListener.NONE);
            knowledge = Knowledge.of(kb);
        } else {
            knowledge = new ScriptedKnowledge();
        }
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT)) {
            CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                    .registerAll();
            TelegramConnection connection = TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), emulator.url()));
            TelegramBot.Settings settings = TelegramBot.Settings.DEFAULTS.withPollTimeout(Duration.ofSeconds(10));
            dev.briefing.bot.store.JdbcStore store = dev.briefing.bot.store.JdbcStore.open(data.resolve("store"));
            TelegramBot bot = TelegramBot.start(connection, knowledge, commands, settings, Clock.systemUTC(),
                    dev.briefing.bot.outbox.SendBudget.of(settings.limits()), dev.briefing.bot.message.MigrationListener.NONE,
                    store, store, store, store);
            System.out.printf("load run: %d chats x %d questions, %s knowledge, Telegram's limits %s%n",
                    chats, questions, real ? "real" : "scripted", dev.briefing.bot.outbox.Limits.TELEGRAM);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            ExecutorService people = Executors.newFixedThreadPool(chats);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < chats; c++) {
                Chat chat = Chat.privateWith(10_000 + c);
                int offset = c;
                done.add(people.submit(() -> {
                    for (int q = 0; q < questions; q++) {
                        String question = QUESTIONS.get((offset + q) % QUESTIONS.size());
                        long t0 = System.nanoTime();
                        int id = emulator.write(TOKEN, chat, chat.id(), question);
                        List<BotMessage> got = emulator.awaitBotMessages(TOKEN, chat, 1, Duration.ofSeconds(120));
                        latencies.add(System.nanoTime() - t0);
                        if (got.size() != 1 || got.get(0).replyTo() == null || got.get(0).replyTo() != id) {
                            problems.add("chat " + chat.id() + " question " + id + ": got " + got);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long total = System.nanoTime() - start;
            // Anything arriving after the last answer would be a duplicate.
            Thread.sleep(2_000);
            for (int c = 0; c < chats; c++) {
                List<BotMessage> extra = emulator.awaitBotMessages(TOKEN, Chat.privateWith(10_000 + c), 1, Duration.ZERO);
                if (!extra.isEmpty()) {
                    problems.add("chat " + (10_000 + c) + ": extra messages " + extra);
                }
            }
            people.shutdown();
            long closing = System.nanoTime();
            bot.close();
            connection.close();
            store.close();
            System.err.printf("closed in %d ms%n", (System.nanoTime() - closing) / 1_000_000);
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("answered %d of %d questions exactly once: %s%n", sorted.size() - problems.size(),
                    chats * questions, problems.isEmpty() ? "yes" : "NO");
            System.out.printf("answer latency p50 %d ms, p99 %d ms, max %d ms; total %.1f s (%.1f answers/s)%n",
                    percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1_000_000,
                    total / 1e9, sorted.size() / (total / 1e9));
            problems.stream().limit(10).forEach(p -> System.out.println("problem: " + p));
            if (kb != null) {
                kb.close();
            }
            System.exit(problems.isEmpty() ? 0 : 1);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1_000_000;
    }
}
