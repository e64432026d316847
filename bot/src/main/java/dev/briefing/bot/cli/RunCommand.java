package dev.briefing.bot.cli;

import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.telegram.TelegramBot;
import dev.briefing.bot.telegram.TelegramConfig;
import dev.briefing.bot.telegram.TelegramStartException;
import dev.briefing.knowledge.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the bot on Telegram with long polling until stopped (Ctrl-C or SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the Telegram bot (long polling) until stopped.",
                "The token comes from the environment variable TELEGRAM_BOT_TOKEN, or telegram.token in the --config file;"
                        + " TELEGRAM_API_URL (or telegram.api-url) points at another Bot API server."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KnowledgeOptions options;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with telegram.token and telegram.api-url; the environment takes precedence.")
    Path config;

    @Option(names = "--rescan", paramLabel = "SECONDS", defaultValue = "30",
            description = "Re-read the articles folder this often while running (new, changed, deleted files); 0 turns it off. Default: ${DEFAULT-VALUE}.")
    int rescanSeconds;

    @Option(names = "--questions-per-minute", paramLabel = "N", defaultValue = "20",
            description = "Questions one user may ask per minute. Default: ${DEFAULT-VALUE}.")
    int questionsPerMinute;

    @Override
    public Integer call() throws Exception {
        TelegramConfig telegram;
        try {
            telegram = TelegramConfig.resolve(System.getenv(), config);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            System.err.println("Bot API accepted the token: @" + TelegramBot.checkToken(telegram));
        } catch (TelegramStartException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        TelegramBot.Settings settings = TelegramBot.Settings.DEFAULTS.withChat(
                TelegramBot.Settings.DEFAULTS.chat().withQuestionsPerWindow(questionsPerMinute));
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (KnowledgeBase kb = options.openSynced()) {
            if (rescanSeconds > 0) {
                kb.watch(java.time.Duration.ofSeconds(rescanSeconds),
                        r -> System.err.println("articles changed: " + r.summary()));
            }
            Knowledge knowledge = Knowledge.of(kb);
            CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                    .registerAll();
            TelegramBot bot;
            try {
                bot = TelegramBot.start(telegram, knowledge, commands, settings, Clock.systemUTC());
            } catch (TelegramStartException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                bot.close();
                stopped.countDown();
                // The JVM halts when this hook returns: let the knowledge base close first.
                awaitQuietly(closed);
            }, "shutdown"));
            System.err.println("@" + bot.username() + " is running; Ctrl-C stops it.");
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
