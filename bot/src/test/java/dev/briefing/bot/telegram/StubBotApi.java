package dev.briefing.bot.telegram;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Bot API on a loopback port that answers each request with the next scripted response, to see how the
 * adapter reads errors the emulator does not produce (429, 5xx, 403, 401).
 */
final class StubBotApi implements AutoCloseable {

    private final HttpServer server;
    private final Deque<Response> script = new ArrayDeque<>();
    /** Every request, as "path body". */
    final List<String> requests = new CopyOnWriteArrayList<>();

    record Response(int status, String body) {
    }

    StubBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestURI().getPath() + " " + body);
            Response r;
            synchronized (script) {
                r = script.isEmpty() ? new Response(500, "{\"ok\":false,\"error_code\":500,\"description\":\"no script\"}")
                        : script.removeFirst();
            }
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Answers the next request with an HTTP status and a JSON body. */
    StubBotApi then(int status, String json) {
        synchronized (script) {
            script.addLast(new Response(status, json));
        }
        return this;
    }

    /** Answers the next request with a Bot API error, as Telegram writes them. */
    StubBotApi thenError(int code, String description, String parameters) {
        return then(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\""
                + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}");
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
