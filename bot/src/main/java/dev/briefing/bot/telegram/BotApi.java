package dev.briefing.bot.telegram;

import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls the Bot API through TelegramBots with a deadline on the caller's side too. {@code TelegramClient.execute}
 * waits on its future without a timeout; OkHttp's call timeout ({@link BotApiHttp}) should complete that future, and
 * this wait makes sure a thread is never parked on one that a library bug leaves open.
 */
final class BotApi {

    /** How long a caller waits for one call: the HTTP deadline and a margin for the library's own work. */
    static final Duration DEADLINE = BotApiHttp.CALL_TIMEOUT.plusSeconds(5);

    private final TelegramClient client;
    private final Duration deadline;

    BotApi(TelegramClient client, Duration deadline) {
        this.client = Objects.requireNonNull(client, "client");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /** A client on {@code http} (made by {@link BotApiHttp}) for the bot {@code token} at {@code url}. */
    static BotApi on(OkHttpClient http, BotToken token, TelegramUrl url) {
        return on(http, token, url, DEADLINE);
    }

    /** As {@link #on(OkHttpClient, BotToken, TelegramUrl)}, waiting at most {@code deadline} for a call. */
    static BotApi on(OkHttpClient http, BotToken token, TelegramUrl url, Duration deadline) {
        Redaction.register(token);
        return new BotApi(new OkHttpTelegramClient(http, token.value(), url), deadline);
    }

    /**
     * Calls {@code method} and returns its result, which is null when the server said {@code ok} without one.
     *
     * @throws TelegramApiException as TelegramBots throws them, or with "no answer within" when the deadline passed
     */
    <T extends Serializable> T call(BotApiMethod<T> method) throws TelegramApiException {
        return await(client.executeAsync(method), method.getMethod());
    }

    /** Calls setWebhook (a multipart method, so not a {@link BotApiMethod}), with the same deadline. */
    Boolean call(SetWebhook method) throws TelegramApiException {
        return await(client.executeAsync(method), method.getMethod());
    }

    private <T> T await(CompletableFuture<T> answer, String method) throws TelegramApiException {
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TelegramApiException t) {
                throw t;
            }
            throw new TelegramApiException("Unable to execute " + method + " method", cause);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new TelegramApiException(method + ": no answer within " + deadline.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new TelegramApiException(method + ": interrupted", e);
        }
    }
}
