package dev.briefing.bot.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A Bot API on a loopback port that answers each request with the next scripted response, to see how the
 * adapter reads errors the emulator does not produce (429, 5xx, 403, 401).
 */
final class StubBotApi implements AutoCloseable {

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer otherwise = respond(500, "{\"ok\":false,\"error_code\":500,\"description\":\"no script\"}");
    /** Every request, as "path body". */
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** How the stub answers one request: it may write anything, or nothing, or stall. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange, String path) throws IOException;
    }

    record Response(int status, String body) {
    }

    StubBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A stalled answer must not hold up the others.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-bot-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(path + " " + body);
            Answer a;
            synchronized (script) {
                a = script.isEmpty() ? otherwise : script.removeFirst();
            }
            try {
                a.answer(exchange, path);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers the next request with an HTTP status and a JSON body. */
    StubBotApi then(int status, String json) {
        return then(respond(status, json));
    }

    /** Answers the next request as {@code answer} says. */
    StubBotApi then(Answer answer) {
        synchronized (script) {
            script.addLast(answer);
        }
        return this;
    }

    /** Answers every request the script does not cover as {@code answer} says. */
    StubBotApi otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    /** Answers the next request with a Bot API error, as Telegram writes them. */
    StubBotApi thenError(int code, String description, String parameters) {
        return then(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\""
                + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}");
    }

    /** A status and a JSON body. */
    static Answer respond(int status, String json) {
        return raw(status, "application/json", json);
    }

    /** A status and any body, of any type. */
    static Answer raw(int status, String contentType, String body) {
        return (exchange, path) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    /** A gateway's error that quotes the request's path, token included, in a body without {@code ok}. */
    static Answer echoingPath(int status) {
        return (exchange, path) -> raw(status, "application/json",
                "{\"message\":\"upstream error for " + path + "\"}").answer(exchange, path);
    }

    /** A redirect to {@code location}. */
    static Answer redirect(int status, String location) {
        return (exchange, path) -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    /** Headers and the start of a body, then nothing for {@code stall}. */
    static Answer stall(Duration stall) {
        return (exchange, path) -> {
            startBody(exchange);
            try {
                Thread.sleep(stall.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Headers promising 100 bytes, the first few of them, then the connection closes (short of the promised length). */
    static Answer cut() {
        return (exchange, path) -> startBody(exchange);
    }

    private static void startBody(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, 100);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"ok\":tr".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The product's own Bot API client ({@link BotApiHttp}, {@link BotApi}) for {@code token} on a loopback {@code
     * port}, waiting {@code readTimeout} between bytes and twice that for a whole call.
     */
    static BotApi client(int port, String token, Duration readTimeout) {
        return BotApi.on(BotApiHttp.client(readTimeout, readTimeout.multipliedBy(2)), new BotToken(token),
                new TelegramUrl("http", "127.0.0.1", port, false), readTimeout.multipliedBy(3));
    }

    /** {@link #client(int, String, Duration)} on this stub. */
    BotApi client(String token, Duration readTimeout) {
        return client(server.getAddress().getPort(), token, readTimeout);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
