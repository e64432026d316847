package dev.briefing.bot.telegram;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fault-injecting HTTP server in front of the Bot API emulator: it forwards every request, unless a fault is set
 * for the request's method, in which case it answers as the fault says ({@link StubBotApi.Answer}: a 500, an odd body,
 * a stall, a cut connection). Faults are switched at run time, so a test can make Telegram fail for 90 seconds and
 * come back.
 */
final class FaultyBotApi implements AutoCloseable {

    private record Fault(Predicate<String> methods, StubBotApi.Answer answer) {
    }

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Fault fault;
    /** Requests answered by the fault, not forwarded. */
    final AtomicInteger faulted = new AtomicInteger();

    FaultyBotApi(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-bot-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getRawPath();
                String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                Fault f = fault;
                if (f != null && path.startsWith("/bot") && f.methods().test(method)) {
                    faulted.incrementAndGet();
                    f.answer().answer(exchange, path);
                    return;
                }
                forward(exchange, body);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private void forward(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(90))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        String type = exchange.getRequestHeaders().getFirst("content-type");
        if (type != null) {
            request.header("content-type", type);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        response.headers().firstValue("content-type").ifPresent(t -> exchange.getResponseHeaders().add("content-type", t));
        byte[] out = response.body();
        exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    /** From now on, answers the Bot API methods {@code methods} accepts (lower case) as {@code answer} says. */
    void fail(Predicate<String> methods, StubBotApi.Answer answer) {
        fault = new Fault(methods, answer);
    }

    /** Forwards everything again. */
    void heal() {
        fault = null;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
