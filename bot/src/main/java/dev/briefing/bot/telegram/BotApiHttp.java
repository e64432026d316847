package dev.briefing.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client every Bot API call goes through, and what makes any answer safe for TelegramBots to read.
 *
 * <ul>
 *   <li>Every call has a deadline ({@link #CALL_TIMEOUT}): connecting, writing, waiting and reading the body
 *       together, so a server that stalls mid-answer cannot hold a thread.</li>
 *   <li>No redirect is followed: the token is in the path, and a redirect to another host would carry it there.</li>
 *   <li>An answer that is not the Bot API's JSON (no {@code ok} field, not JSON, empty, a proxy's HTML page, a
 *       redirect) becomes a Bot API error with the HTTP status as {@code error_code}, or 502 for a 2xx. TelegramBots
 *       9.5.0 throws a {@code NullPointerException} on a JSON body without {@code ok} ({@code ApiResponse.getOk()}
 *       unboxed) inside OkHttp's callback, which leaves the caller's future never completed; the whole body is read
 *       here, inside the call, so a connection cut mid-body fails the call instead.</li>
 *   <li>Every body passes through {@link Redaction}, so an echoed token never reaches an exception message or a
 *       library's log line.</li>
 * </ul>
 */
final class BotApiHttp {

    /** The longest one Bot API call may take, the body included; long polls get their own, longer, limit. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(40);
    /** How much of a foreign body an error's description quotes. */
    static final int QUOTED = 200;

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BotApiHttp() {
    }

    /** A client for ordinary calls: 10 s to connect, 30 s to read, {@link #CALL_TIMEOUT} in all, no redirects. */
    static OkHttpClient client() {
        return client(Duration.ofSeconds(30), CALL_TIMEOUT);
    }

    /** A client that waits {@code readTimeout} between bytes and {@code callTimeout} for a whole call. */
    static OkHttpClient client(Duration readTimeout, Duration callTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(BotApiHttp::normalize)
                .build();
    }

    /** A client sharing {@code http}'s pool for long polls of {@code pollTimeout}: it allows that long plus a margin. */
    static OkHttpClient polling(OkHttpClient http, Duration pollTimeout) {
        return http.newBuilder()
                .readTimeout(pollTimeout.plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(pollTimeout.plusSeconds(25).toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    private static Response normalize(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String body;
        try (ResponseBody raw = response.body()) {
            body = raw == null ? "" : raw.string();
        }
        String clean = Redaction.redact(body);
        if (isBotApiAnswer(clean)) {
            return response.newBuilder().body(ResponseBody.create(clean, JSON_TYPE)).build();
        }
        int code = response.isSuccessful() ? 502 : response.code();
        ObjectNode error = JSON.createObjectNode()
                .put("ok", false)
                .put("error_code", code)
                .put("description", describe(response, clean));
        return response.newBuilder()
                .removeHeader("Location")
                .body(ResponseBody.create(JSON.writeValueAsString(error), JSON_TYPE))
                .build();
    }

    /** Whether {@code body} is a JSON object with a boolean {@code ok}, which TelegramBots can read. */
    static boolean isBotApiAnswer(String body) {
        if (body.isBlank()) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() && node.path("ok").isBoolean();
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Response response, String body) {
        String status = "HTTP " + response.code() + (response.message().isBlank() ? "" : " " + response.message());
        if (response.isRedirect()) {
            return status + ": a redirect, not followed (the token would go with it)";
        }
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return status + " with an empty body, not the Bot API's answer";
        }
        return status + ", not the Bot API's answer: " + (text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text);
    }
}
