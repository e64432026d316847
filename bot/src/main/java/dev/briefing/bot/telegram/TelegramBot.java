package dev.briefing.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.chat.BriefingChat;
import dev.briefing.bot.chat.ChatSettings;
import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.command.Command;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.http.HttpListener;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.metrics.Metered;
import dev.briefing.bot.metrics.Metrics;
import dev.briefing.bot.outbox.DurableOutbox;
import dev.briefing.bot.outbox.Limits;
import dev.briefing.bot.outbox.PacedOutbox;
import dev.briefing.bot.outbox.SendBudget;
import dev.briefing.bot.store.ChatLeases;
import dev.briefing.bot.store.ChatMemory;
import dev.briefing.bot.store.OutboxLog;
import dev.briefing.bot.store.UpdateLog;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bot running on Telegram, on a {@link TelegramConnection} (which checked the token): registers the command menu,
 * then receives updates, by long polling (the default) or through a webhook, and hands them to a {@link BriefingChat},
 * whose answers leave through a {@link DurableOutbox}: both ends are kept in the store, so a crash loses no question
 * and no answer.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    /** How long {@link #close()} waits for the questions already received to be answered. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    /** Long polling's application; null in webhook mode. */
    private final TelegramBotsLongPollingApplication polling;
    /** The webhook's settings; null with long polling. */
    private final WebhookConfig webhook;
    private final DurableInbox inbox;
    private final BotApi client;
    private final DurableOutbox outbox;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ExecutorService senders;
    private final ExecutorService typing;
    private final ExecutorService turns;
    private final BriefingChat chat;
    private final String username;

    private TelegramBot(TelegramBotsLongPollingApplication polling, WebhookConfig webhook, DurableInbox inbox,
                        BotApi client, DurableOutbox outbox, BriefingChat chat, ExecutorService workers,
                        ScheduledExecutorService timer, ExecutorService senders, ExecutorService typing,
                        ExecutorService turns, String username) {
        this.polling = polling;
        this.webhook = webhook;
        this.inbox = inbox;
        this.client = client;
        this.outbox = outbox;
        this.chat = chat;
        this.workers = workers;
        this.timer = timer;
        this.senders = senders;
        this.typing = typing;
        this.turns = turns;
        this.username = username;
    }

    /**
     * How the bot runs.
     *
     * @param chat how questions are treated
     * @param limits how fast messages go out
     * @param pollTimeout how long one getUpdates waits for news; Telegram allows up to 50 s
     * @param workerThreads threads that answer questions (answers are CPU work: about the core count)
     * @param replyDeadline how long a reply is tried through an outage, across restarts
     */
    public record Settings(ChatSettings chat, Limits limits, Duration pollTimeout, int workerThreads,
                           Duration replyDeadline) {

        /**
         * Default chat settings, Telegram's limits, 50 s long polls, at least 4 answering threads, replies tried for
         * {@link DurableOutbox#ANSWER_DEADLINE}.
         */
        public static final Settings DEFAULTS = new Settings(ChatSettings.DEFAULTS, Limits.TELEGRAM,
                Duration.ofSeconds(50), Math.max(4, Runtime.getRuntime().availableProcessors()));

        /** Settings with replies tried for {@link DurableOutbox#ANSWER_DEADLINE}. */
        public Settings(ChatSettings chat, Limits limits, Duration pollTimeout, int workerThreads) {
            this(chat, limits, pollTimeout, workerThreads, DurableOutbox.ANSWER_DEADLINE);
        }

        public Settings {
            if (replyDeadline == null || replyDeadline.isNegative() || replyDeadline.isZero()) {
                throw new IllegalArgumentException("illegal replyDeadline: " + replyDeadline + ", must be positive");
            }
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(limits, "limits");
            if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.toSeconds() > 50) {
                throw new IllegalArgumentException("illegal pollTimeout: " + pollTimeout + ", must be 0 to 50 s");
            }
            if (workerThreads < 1) {
                throw new IllegalArgumentException("illegal workerThreads: " + workerThreads + ", must be at least 1");
            }
        }

        public Settings withChat(ChatSettings newChat) {
            return new Settings(newChat, limits, pollTimeout, workerThreads, replyDeadline);
        }

        public Settings withPollTimeout(Duration timeout) {
            return new Settings(chat, limits, timeout, workerThreads, replyDeadline);
        }

        public Settings withReplyDeadline(Duration deadline) {
            return new Settings(chat, limits, pollTimeout, workerThreads, deadline);
        }
    }

    /**
     * Registers the command menu, sends and handles what the last run left unfinished in the store, and starts polling
     * on an open connection, which the caller closes after the bot.
     *
     * @param updates the durable inbox: updates are stored before Telegram is told they arrived
     * @param replies the durable outbox: replies are stored before they are sent
     * @param memory what the chats remember across restarts and instances: conversations, Sources, question counts
     * @param leases which instance handles each chat, so each chat is answered in order across instances
     * @param budget Telegram's overall limit, shared with whatever else sends for this bot (the digests); read
     *               with {@code clock}
     * @param migrations told when a group becomes a supergroup, from Telegram's service message or from a send
     *                   that finds the old id gone
     * @throws TelegramStartException when the menu cannot be registered or polling cannot start
     */
    public static TelegramBot start(TelegramConnection connection, Knowledge knowledge, CommandRegistry commands,
                                    Settings settings, Clock clock, SendBudget budget, MigrationListener migrations,
                                    UpdateLog updates, OutboxLog replies, ChatMemory memory, ChatLeases leases)
            throws TelegramStartException {
        return start(connection, knowledge, commands, settings, clock, budget, migrations, updates, replies, memory,
                leases, Metrics.NONE, Optional.empty());
    }

    /**
     * As {@link #start(TelegramConnection, Knowledge, CommandRegistry, Settings, Clock, SendBudget, MigrationListener,
     * UpdateLog, OutboxLog, ChatMemory, ChatLeases)}, reporting to {@code metrics} (sends by outcome, the outbox's depth and the inbox's
     * backlog), and, when {@code webhook} is given, in webhook mode instead of long polling: updates arrive through
     * {@link #webhookRoute()}, served by the caller's listener, once {@link #registerWebhook()} has told Telegram.
     */
    public static TelegramBot start(TelegramConnection connection, Knowledge knowledge, CommandRegistry commands,
                                    Settings settings, Clock clock, SendBudget budget, MigrationListener migrations,
                                    UpdateLog updates, OutboxLog replies, ChatMemory memory, ChatLeases leases,
                                    Metrics metrics, Optional<WebhookConfig> webhook)
            throws TelegramStartException {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(migrations, "migrations");
        TelegramConfig config = connection.config();
        TelegramUrl url = TelegramConnection.telegramUrl(config.apiUrl());
        OkHttpClient http = connection.http();
        BotApi client = connection.client();
        User me = connection.me();
        registerMenu(client, commands);

        ExecutorService senders = Executors.newFixedThreadPool(8, daemon("telegram-send"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("telegram-timer"));
        ExecutorService workers = Executors.newFixedThreadPool(settings.workerThreads(), daemon("chat-worker"));
        // The typing indicator's calls block on the network: never on the timer, which runs the outbox's rounds.
        ExecutorService typing = Executors.newFixedThreadPool(2, daemon("telegram-typing"));
        // Hands each chat's stored updates on in order; a turn only reads the store and queues work, never waits.
        ExecutorService turns = Executors.newFixedThreadPool(2, daemon("chat-turns"));
        TelegramMessenger messenger = new TelegramMessenger(client, migrations);
        PacedOutbox paced = new PacedOutbox(Metered.messenger(messenger, metrics), clock, settings.limits(), budget,
                senders, timer);
        DurableOutbox outbox = new DurableOutbox(replies, paced, clock, settings.replyDeadline());
        BriefingChat chat = new BriefingChat(knowledge, commands, outbox, messenger, me.getUserName(),
                settings.chat(), memory, clock, workers, timer, typing);
        DurableInbox inbox = new DurableInbox(updates, leases, outbox, chat, new UpdateTranslator(me.getId()), migrations,
                clock, UUID.randomUUID().toString(), turns, ChatTurns.LEASE);
        metrics.gauge(Metrics.Queue.OUTBOX, paced::pending);
        metrics.gauge(Metrics.Queue.INBOX, updates::backlog);

        if (webhook.isPresent()) {
            WebhookConfig hook = webhook.get();
            Redaction.register(hook.secret());
            try {
                // What the last run (or a dead instance) left, chat by chat, in each chat's order.
                inbox.resume();
            } catch (RuntimeException e) {
                shutdown(senders, timer, workers, typing, turns);
                throw new TelegramStartException("cannot resume what the last run left: " + e.getMessage(), e);
            }
            log.info("running as @{} on {}, webhook mode: {}", me.getUserName(), config.apiUrl(),
                    knowledge.catalog().describe());
            sweepEvery(timer, turns, inbox);
            return new TelegramBot(null, hook, inbox, client, outbox, chat, workers, timer, senders, typing, turns,
                    me.getUserName());
        }

        // The poll must be able to outlast its own timeout.
        OkHttpClient pollingHttp = BotApiHttp.polling(http, settings.pollTimeout());
        TelegramBotsLongPollingApplication polling = new TelegramBotsLongPollingApplication(
                ObjectMapper::new, () -> pollingHttp,
                () -> Executors.newSingleThreadScheduledExecutor(daemon("telegram-poll")));
        int timeout = (int) settings.pollTimeout().toSeconds();
        try {
            // What the last run left, chat by chat, in each chat's order.
            inbox.resume();
            BotSession session = polling.registerBot(config.token().value(), () -> url,
                    offset -> GetUpdates.builder().offset(offset + 1).limit(100).timeout(timeout)
                            .allowedUpdates(List.of("message", "callback_query")).build(),
                    // TelegramBots confirms a batch with the next getUpdates, sent after this returns: store first.
                    inbox::consume);
            if (!session.isRunning()) {
                session.start();
            }
        } catch (TelegramApiException | RuntimeException e) {
            closePolling(polling);
            shutdown(senders, timer, workers, typing, turns);
            throw new TelegramStartException("cannot start polling the Bot API at " + config.apiUrl() + ": "
                    + e.getMessage(), e);
        }
        log.info("running as @{} on {}: {}", me.getUserName(), config.apiUrl(), knowledge.catalog().describe());
        sweepEvery(timer, turns, inbox);
        return new TelegramBot(polling, null, inbox, client, outbox, chat, workers, timer, senders, typing, turns,
                me.getUserName());
    }

    /**
     * In webhook mode, the route the caller's listener serves the webhook at: the webhook URL's path, checked against
     * the secret, each update stored in the inbox before it is answered 200. Empty with long polling.
     */
    public Optional<HttpListener.WebhookRoute> webhookRoute() {
        if (webhook == null) {
            return Optional.empty();
        }
        return Optional.of(new HttpListener.WebhookRoute(webhook.path(), webhook.secret().value(),
                new WebhookReceiver(inbox)));
    }

    /**
     * In webhook mode, tells Telegram where to post updates and with which secret; call it once the listener serves
     * {@link #webhookRoute()}. Every instance behind one address registers the same URL and secret, so a restart of
     * one changes nothing for the others; the webhook is not deleted at stop, for the same reason.
     *
     * @throws TelegramStartException when Telegram refuses it (not https, a port it does not post to, a bad secret)
     */
    public void registerWebhook() throws TelegramStartException {
        if (webhook == null) {
            throw new IllegalStateException("not in webhook mode");
        }
        try {
            Boolean set = client.call(SetWebhook.builder().url(webhook.url().toString())
                    .secretToken(webhook.secret().value())
                    .allowedUpdates(List.of("message", "callback_query")).build());
            if (!Boolean.TRUE.equals(set)) {
                throw new TelegramStartException("the Bot API did not confirm setWebhook for " + webhook.url(), null);
            }
        } catch (TelegramApiException e) {
            throw new TelegramStartException("cannot set the webhook to " + webhook.url() + ": "
                    + TelegramConnection.rootCause(e), e);
        }
        log.info("webhook set to {} ({} secret)", webhook.url(), webhook.secretConfigured() ? "the configured"
                : "a random");
    }

    /** The bot's username, without {@code @}. */
    public String username() {
        return username;
    }

    /**
     * Stops receiving and confirms to Telegram what was stored, lets the questions received be answered (up to {@link
     * #DRAIN_TIMEOUT}) and queued messages go out (up to {@link PacedOutbox#DRAIN_TIMEOUT}), then stops; what is left
     * unanswered or unsent stays in the store for the next start.
     */
    @Override
    public void close() {
        inbox.stop();
        if (polling != null) {
            closePolling(polling);
            inbox.confirm(client);
        }
        try {
            // Questions still queued behind a chat's earlier ones are not in the pool yet: wait for them before
            // the pool refuses them.
            chat.drain(DRAIN_TIMEOUT);
            workers.shutdown();
            workers.awaitTermination(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.close();
        // After the outbox: what it could not send stays queued, and whoever takes the chat on next sends it first.
        inbox.release();
        shutdown(senders, timer, workers, typing, turns);
    }

    /**
     * Renews this instance's chat leases and takes on waiting chats every {@link ChatTurns#SWEEP_EVERY}; on the turns'
     * executor, so the timer (which paces the outbox) never waits for the store.
     */
    private static void sweepEvery(ScheduledExecutorService timer, ExecutorService turns, DurableInbox inbox) {
        long every = ChatTurns.SWEEP_EVERY.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                turns.execute(inbox::sweep);
            } catch (RuntimeException e) {
                // stopping: the pool refuses work
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private static void registerMenu(BotApi client, CommandRegistry commands) throws TelegramStartException {
        List<BotCommand> menu = commands.commands().stream()
                .map(TelegramBot::menuEntry)
                .toList();
        try {
            client.call(SetMyCommands.builder().commands(menu).build());
        } catch (TelegramApiException e) {
            throw new TelegramStartException("cannot register the command menu: " + TelegramConnection.rootCause(e), e);
        }
    }

    private static BotCommand menuEntry(Command c) {
        return BotCommand.builder().command(c.name()).description(c.description()).build();
    }

    private static void closePolling(TelegramBotsLongPollingApplication polling) {
        try {
            polling.close();
        } catch (Exception e) {
            log.warn("stopping long polling failed: {}", e.toString());
        }
    }

    private static void shutdown(ExecutorService... pools) {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
