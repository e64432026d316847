package dev.briefing.bot.cli;

import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.digest.DigestCommands;
import dev.briefing.bot.digest.DigestScheduler;
import dev.briefing.bot.digest.Pacer;
import dev.briefing.bot.digest.Sleeper;
import dev.briefing.bot.http.HttpListener;
import dev.briefing.bot.metrics.Metered;
import dev.briefing.bot.metrics.Metrics;
import dev.briefing.bot.metrics.PrometheusMetrics;
import dev.briefing.bot.outbox.SendBudget;
import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.summary.ArticleSource;
import dev.briefing.bot.summary.SummaryService;
import dev.briefing.bot.telegram.TelegramBot;
import dev.briefing.bot.telegram.TelegramConfig;
import dev.briefing.bot.telegram.TelegramConnection;
import dev.briefing.bot.telegram.TelegramStartException;
import dev.briefing.bot.telegram.WebhookConfig;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs the bot on Telegram, by long polling or a webhook, until stopped (Ctrl-C or SIGTERM): answers, summaries, and the daily
 * digests of subscribed chats.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the Telegram bot (long polling, or a webhook with --webhook) until stopped.",
                "The token comes from the environment variable TELEGRAM_BOT_TOKEN, or telegram.token in the --config file;"
                        + " TELEGRAM_API_URL (or telegram.api-url) points at another Bot API server."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KnowledgeOptions options;

    @Mixin
    DatabaseOption database;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with telegram.token and telegram.api-url; the environment takes precedence.")
    Path config;

    @Option(names = "--rescan", paramLabel = "SECONDS", defaultValue = "30",
            description = "Re-read the articles folder this often while running (new, changed, deleted files); 0 turns it off. Default: ${DEFAULT-VALUE}.")
    int rescanSeconds;

    @Option(names = "--questions-per-minute", paramLabel = "N", defaultValue = "20",
            description = "Questions one user may ask per minute. Default: ${DEFAULT-VALUE}.")
    int questionsPerMinute;

    @Option(names = "--webhook", paramLabel = "URL",
            description = {"Receive updates by webhook at this public address (https://host/path) instead of long"
                    + " polling; needs --listen, which serves its path. Telegram's requests must carry the secret:"
                    + " TELEGRAM_WEBHOOK_SECRET (or telegram.webhook-secret), the same for every instance behind one"
                    + " address; without it each start makes a random one."})
    URI webhookUrl;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Serve /healthz, /metrics (Prometheus) and, with --webhook, the webhook on this address,"
                    + " such as 127.0.0.1:8080 or 0.0.0.0:8443.")
    String listen;

    @Option(names = "--digest-lease", paramLabel = "SECONDS", defaultValue = "900",
            description = {"How long a digest claim holds before any instance may take it over, as after a crash"
                    + " (the crash window in docs/DIGEST.md). Shorter takes over a dead instance's digests sooner;"
                    + " below a send's own timeout a slow send may be repeated. Default: ${DEFAULT-VALUE}."})
    int digestLeaseSeconds;

    @Option(names = "--digest-tick", paramLabel = "SECONDS", defaultValue = "30",
            description = "How often to look for digests that are due. Default: ${DEFAULT-VALUE}.")
    int digestTickSeconds;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (rescanSeconds < 0 || questionsPerMinute < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), rescanSeconds < 0
                    ? "--rescan must be 0 (off) or more seconds, not " + rescanSeconds
                    : "--questions-per-minute must be at least 1, not " + questionsPerMinute);
        }
        if (digestLeaseSeconds < 1 || digestTickSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), digestLeaseSeconds < 1
                    ? "--digest-lease must be at least 1 second, not " + digestLeaseSeconds
                    : "--digest-tick must be at least 1 second, not " + digestTickSeconds);
        }
        InetSocketAddress listenAddress = listenAddress();
        TelegramConfig telegram;
        try {
            telegram = TelegramConfig.resolve(System.getenv(), config);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Database db = database.resolve(options.data(), config);
        Optional<WebhookConfig> webhook;
        try {
            webhook = webhookUrl == null ? Optional.empty()
                    : Optional.of(WebhookConfig.resolve(webhookUrl, System.getenv(), config));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        // Figures are kept only where someone can read them.
        PrometheusMetrics prometheus = listenAddress == null ? null : new PrometheusMetrics();
        Metrics metrics = prometheus == null ? Metrics.NONE : prometheus;
        AtomicBoolean serving = new AtomicBoolean();
        TelegramConnection api;
        try {
            api = TelegramConnection.open(telegram);
        } catch (TelegramStartException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        System.err.println("Bot API accepted the token: @" + api.username());
        Clock clock = Clock.systemUTC();
        TelegramBot.Settings settings = TelegramBot.Settings.DEFAULTS.withChat(
                TelegramBot.Settings.DEFAULTS.chat().withQuestionsPerWindow(questionsPerMinute));
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // The bot answers by BM25 at once; vectors are added in the background and /start says how many wait.
        try (api; KnowledgeBase kb = options.openToServe(); JdbcStore store = JdbcStore.open(db)) {
            System.err.println("store: " + db.describe());
            kb.warmUpAnswers(); // so the first user's question does not pay for the JVM's warm-up
            if (kb.pendingVectors() > 0) {
                System.err.println(kb.pendingVectors() + " passages wait for vectors; they are added in the background");
            }
            if (kb.pendingSentenceVectors() > 0) {
                System.err.println(kb.pendingSentenceVectors() + " sentences wait for vectors; they are added in the "
                        + "background, after the passages'");
            }
            if (rescanSeconds > 0) {
                kb.watch(java.time.Duration.ofSeconds(rescanSeconds),
                        r -> System.err.println("articles changed: " + r.summary()));
            }
            Knowledge knowledge = Metered.knowledge(Knowledge.of(kb), metrics, clock);
            CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                    .registerAll();
            SummaryService summaries = new SummaryService(ArticleSource.of(kb), new CentroidSummarizer(), store, clock);
            new DigestCommands(commands, summaries, store, api.chatAdmins(clock), clock).registerAll();
            // Replies and digests draw on one overall budget: together they stay within Telegram's 30 a second.
            SendBudget budget = SendBudget.of(settings.limits());
            TelegramBot bot;
            try {
                bot = TelegramBot.start(api, knowledge, commands, settings, clock, budget,
                        migration -> store.move(migration.fromChatId(), migration.toChatId()), store, store, store,
                        store, metrics, webhook);
            } catch (TelegramStartException e) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            // The shutdown hook below is not registered yet: if the digests fail to start, stop the bot here (the
            // store and the knowledge base close with the try).
            HttpListener listener = null;
            if (listenAddress != null) {
                try {
                    listener = startOrClose(() -> HttpListener.start(listenAddress,
                            () -> health(serving, store::schemaVersion), prometheus::scrape, metrics,
                            bot.webhookRoute()), bot);
                } catch (IllegalStateException e) {
                    System.err.println("error: " + e.getMessage());
                    return ExitCodes.FAILED;
                }
                System.err.println("listening on http://" + listenAddress.getHostString() + ":" + listener.port()
                        + ": /healthz, /metrics" + (webhook.isPresent() ? ", " + webhook.get().path() : ""));
            }
            HttpListener http = listener;
            if (webhook.isPresent()) {
                try {
                    bot.registerWebhook();
                } catch (TelegramStartException e) {
                    System.err.println("error: " + e.getMessage());
                    http.close();
                    bot.close();
                    return ExitCodes.FAILED;
                }
            }
            DigestScheduler digests = startOrClose(() -> startDigests(store, summaries, api, budget, clock, metrics,
                    java.time.Duration.ofSeconds(digestLeaseSeconds), java.time.Duration.ofSeconds(digestTickSeconds)),
                    bot, http);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Digests first: their last sends are marked in the store, which closes after this hook lets go.
                digests.close();
                serving.set(false);
                bot.close();
                if (http != null) {
                    http.close();
                }
                stopped.countDown();
                // The JVM halts when this hook returns: let the store and the knowledge base close first.
                awaitQuietly(closed);
            }, "shutdown"));
            serving.set(true);
            System.err.println("@" + bot.username() + " is running; Ctrl-C stops it.");
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** Starts the digest scheduler; one whose start fails is closed again before the failure is passed on. */
    private static DigestScheduler startDigests(JdbcStore store, SummaryService summaries, TelegramConnection api,
                                                SendBudget budget, Clock clock, Metrics metrics,
                                                java.time.Duration lease, java.time.Duration tick) {
        DigestScheduler digests = new DigestScheduler(store, store, summaries,
                Metered.digestSender(api.digestSender(), metrics),
                new Pacer(Pacer.SHARED_PER_SECOND, budget, clock, Sleeper.SYSTEM), clock, DigestScheduler.DEFAULT_WORKERS,
                lease);
        return startOrClose(() -> {
            digests.start(tick);
            return digests;
        }, digests);
    }

    /** {@code --listen}'s address, or null without it; a bad value, or {@code --webhook} without it, is a usage error. */
    private InetSocketAddress listenAddress() {
        if (webhookUrl != null && listen == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--webhook needs --listen HOST:PORT, the local address its requests arrive at");
        }
        try {
            return listen == null ? null : HttpListener.address(listen);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Ready when the bot is serving (the index is open from before it starts until after it stops) and the database
     * answers a query ({@code database}); otherwise the reason, in one line.
     */
    static Optional<String> health(AtomicBoolean serving, Supplier<?> database) {
        if (!serving.get()) {
            return Optional.of("the bot is starting or stopping");
        }
        try {
            database.get();
        } catch (RuntimeException e) {
            return Optional.of("the database does not answer: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Runs {@code start}; if it fails, closes {@code started} (last first) before passing the failure on, a failure
     * to close kept as suppressed (nulls, not started, are skipped). For what is started before the shutdown hook that
     * would otherwise close it.
     */
    static <T> T startOrClose(Supplier<T> start, AutoCloseable... started) {
        try {
            return start.get();
        } catch (RuntimeException | Error e) {
            for (int i = started.length - 1; i >= 0; i--) {
                if (started[i] == null) {
                    continue;
                }
                try {
                    started[i].close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
