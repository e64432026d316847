package dev.briefing.bot.telegram;

import dev.briefing.bot.digest.ChatAdmins;
import dev.briefing.bot.digest.DigestSender;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * One bot's connection to the Bot API, checked at opening: the {@link TelegramBot}, the digests and the admin
 * checks all send through it. It hands out the bot's own seams ({@link DigestSender}, {@link ChatAdmins}), so the
 * Telegram library stays inside this package while the command line wires them. Close it after everything that
 * uses it.
 */
public final class TelegramConnection implements AutoCloseable {

    private final TelegramConfig config;
    private final OkHttpClient http;
    private final BotApi client;
    private final User me;

    private TelegramConnection(TelegramConfig config, OkHttpClient http, BotApi client, User me) {
        this.config = config;
        this.http = http;
        this.client = client;
        this.me = me;
    }

    /**
     * Connects and asks the Bot API who the token belongs to, so a missing server or a rejected token stops the
     * program before it spends time on the articles.
     *
     * @throws TelegramStartException when the token is rejected or the Bot API cannot be reached; its message says
     *                                which, never the token
     */
    public static TelegramConnection open(TelegramConfig config) throws TelegramStartException {
        Objects.requireNonNull(config, "config");
        OkHttpClient http = BotApiHttp.client();
        BotApi client = BotApi.on(http, config.token(), telegramUrl(config.apiUrl()));
        try {
            return new TelegramConnection(config, http, client, whoAmI(client, config.apiUrl()));
        } catch (TelegramStartException e) {
            release(http);
            throw e;
        }
    }

    /** The bot's username, without {@code @}. */
    public String username() {
        return me.getUserName();
    }

    /** Sends digests through this connection: one HTML message per call, no retries or pacing of its own. */
    public DigestSender digestSender() {
        return new TelegramDigestSender(client);
    }

    /** Tells group admins, asking Telegram at most about once a minute per chat and user ({@code clock} ages it). */
    public ChatAdmins chatAdmins(Clock clock) {
        return new TelegramChatAdmins(client, clock);
    }

    @Override
    public void close() {
        release(http);
    }

    TelegramConfig config() {
        return config;
    }

    OkHttpClient http() {
        return http;
    }

    BotApi client() {
        return client;
    }

    User me() {
        return me;
    }

    static TelegramUrl telegramUrl(URI api) {
        int port = api.getPort() != -1 ? api.getPort() : "https".equals(api.getScheme()) ? 443 : 80;
        return new TelegramUrl(api.getScheme(), api.getHost(), port, false);
    }

    /** The innermost cause of {@code e}, named and redacted, for a one-line reason. */
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Redaction.redact(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }

    private static User whoAmI(BotApi client, URI api) throws TelegramStartException {
        try {
            User me = client.call(new GetMe());
            if (me == null || me.getUserName() == null) {
                throw new TelegramStartException("the Bot API at " + api + " answered getMe without the bot's username", null);
            }
            return me;
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
                    + Redaction.redact(e.getApiResponse()), e);
        } catch (TelegramApiException e) {
            throw new TelegramStartException("cannot reach the Bot API at " + api + " for getMe (" + rootCause(e)
                    + "); check the network or TELEGRAM_API_URL", e);
        }
    }

    private static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
