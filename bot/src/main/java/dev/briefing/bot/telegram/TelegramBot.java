package dev.briefing.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.chat.BriefingChat;
import dev.briefing.bot.chat.ChatSettings;
import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.command.Command;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.outbox.Limits;
import dev.briefing.bot.outbox.PacedOutbox;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bot running on Telegram with long polling: checks the token, registers the command menu, then
 * receives updates on the polling thread and hands them to a {@link BriefingChat}, whose answers leave
 * through a {@link PacedOutbox}.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    private final TelegramBotsLongPollingApplication polling;
    private final PacedOutbox outbox;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ExecutorService senders;
    private final String username;

    private TelegramBot(TelegramBotsLongPollingApplication polling, PacedOutbox outbox, ExecutorService workers,
                        ScheduledExecutorService timer, ExecutorService senders, String username) {
        this.polling = polling;
        this.outbox = outbox;
        this.workers = workers;
        this.timer = timer;
        this.senders = senders;
        this.username = username;
    }

    /**
     * How the bot runs.
     *
     * @param chat how questions are treated
     * @param limits how fast messages go out
     * @param pollTimeout how long one getUpdates waits for news; Telegram allows up to 50 s
     * @param workerThreads threads that answer questions (answers are CPU work: about the core count)
     */
    public record Settings(ChatSettings chat, Limits limits, Duration pollTimeout, int workerThreads) {

        /** Default chat settings, Telegram's limits, 50 s long polls, at least 4 answering threads. */
        public static final Settings DEFAULTS = new Settings(ChatSettings.DEFAULTS, Limits.TELEGRAM,
                Duration.ofSeconds(50), Math.max(4, Runtime.getRuntime().availableProcessors()));

        public Settings {
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
            return new Settings(newChat, limits, pollTimeout, workerThreads);
        }

        public Settings withPollTimeout(Duration timeout) {
            return new Settings(chat, limits, timeout, workerThreads);
        }
    }

    /**
     * Connects, registers the command menu and starts polling.
     *
     * @throws TelegramStartException when the token is rejected or the Bot API cannot be reached; its
     *                                message says which, never the token
     */
    public static TelegramBot start(TelegramConfig config, Knowledge knowledge, CommandRegistry commands,
                                    Settings settings, Clock clock) throws TelegramStartException {
        TelegramUrl url = telegramUrl(config.apiUrl());
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
        OkHttpTelegramClient client = new OkHttpTelegramClient(http, config.token().value(), url);

        User me = checkToken(client, config.apiUrl());
        registerMenu(client, commands);

        ExecutorService senders = Executors.newFixedThreadPool(8, daemon("telegram-send"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("telegram-timer"));
        ExecutorService workers = Executors.newFixedThreadPool(settings.workerThreads(), daemon("chat-worker"));
        TelegramMessenger messenger = new TelegramMessenger(client);
        PacedOutbox outbox = new PacedOutbox(messenger, clock, settings.limits(), senders, timer);
        BriefingChat chat = new BriefingChat(knowledge, commands, outbox, messenger, me.getUserName(),
                settings.chat(), clock, workers, timer);
        UpdateTranslator translator = new UpdateTranslator(me.getId());

        // The poll must be able to outlast its own timeout.
        OkHttpClient pollingHttp = http.newBuilder()
                .readTimeout(settings.pollTimeout().plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS)
                .build();
        TelegramBotsLongPollingApplication polling = new TelegramBotsLongPollingApplication(
                ObjectMapper::new, () -> pollingHttp,
                () -> Executors.newSingleThreadScheduledExecutor(daemon("telegram-poll")));
        int timeout = (int) settings.pollTimeout().toSeconds();
        try {
            BotSession session = polling.registerBot(config.token().value(), () -> url,
                    offset -> GetUpdates.builder().offset(offset + 1).limit(100).timeout(timeout)
                            .allowedUpdates(List.of("message", "callback_query")).build(),
                    updates -> {
                        for (Update u : updates) {
                            try {
                                translator.translate(u).ifPresent(chat::receive);
                            } catch (RuntimeException e) {
                                // One odd update must not cost the others in its batch.
                                log.warn("skipped update {}: {}", u.getUpdateId(), e.toString());
                            }
                        }
                    });
            if (!session.isRunning()) {
                session.start();
            }
        } catch (TelegramApiException e) {
            shutdown(senders, timer, workers);
            throw new TelegramStartException("cannot start polling the Bot API at " + config.apiUrl() + ": "
                    + e.getMessage(), e);
        }
        log.info("running as @{} on {}: {}", me.getUserName(), config.apiUrl(), knowledge.catalog().describe());
        return new TelegramBot(polling, outbox, workers, timer, senders, me.getUserName());
    }

    /**
     * Asks the Bot API who the token belongs to, so a missing server or a rejected token stops the program
     * before it spends time on the articles; returns the bot's username.
     */
    public static String checkToken(TelegramConfig config) throws TelegramStartException {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS).build();
        try {
            return checkToken(new OkHttpTelegramClient(http, config.token().value(), telegramUrl(config.apiUrl())),
                    config.apiUrl()).getUserName();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** The bot's username, without {@code @}. */
    public String username() {
        return username;
    }

    /** Stops receiving, lets queued messages go out (up to {@link PacedOutbox#DRAIN_TIMEOUT}), then stops. */
    @Override
    public void close() {
        try {
            polling.close();
        } catch (Exception e) {
            log.warn("stopping long polling failed: {}", e.toString());
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.close();
        shutdown(senders, timer, workers);
    }

    private static User checkToken(OkHttpTelegramClient client, URI api) throws TelegramStartException {
        try {
            return client.execute(new GetMe());
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            if (code != null && (code == 401 || code == 404)) {
                throw new TelegramStartException("Telegram rejected the bot token (" + code
                        + "): check TELEGRAM_BOT_TOKEN, or ask BotFather for a new one", e);
            }
            if (code == null || code == 0) {
                throw new TelegramStartException("cannot read the answer of the Bot API at " + api + " to getMe: "
                        + rootCause(e), e);
            }
            throw new TelegramStartException("the Bot API at " + api + " answered getMe with " + code + " "
                    + e.getApiResponse(), e);
        } catch (TelegramApiException e) {
            throw new TelegramStartException("cannot reach the Bot API at " + api + " (" + rootCause(e)
                    + "); check the network or TELEGRAM_API_URL", e);
        }
    }

    private static void registerMenu(OkHttpTelegramClient client, CommandRegistry commands) throws TelegramStartException {
        List<BotCommand> menu = commands.commands().stream()
                .map(TelegramBot::menuEntry)
                .toList();
        try {
            client.execute(SetMyCommands.builder().commands(menu).build());
        } catch (TelegramApiException e) {
            throw new TelegramStartException("cannot register the command menu: " + e.getMessage(), e);
        }
    }

    private static BotCommand menuEntry(Command c) {
        return BotCommand.builder().command(c.name()).description(c.description()).build();
    }

    private static TelegramUrl telegramUrl(URI api) {
        int port = api.getPort() != -1 ? api.getPort() : "https".equals(api.getScheme()) ? 443 : 80;
        return new TelegramUrl(api.getScheme(), api.getHost(), port, false);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
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
