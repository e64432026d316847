package dev.briefing.knowledge.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remote-model answerer through the real LangChain4j OpenAI client, against a loopback endpoint that
 * answers chat completions with canned replies (no model can be reached offline).
 */
class GroundedChatAnswererTest {

    private static final String CHECKPOINTS = "As part of the state of emergency that was imposed in Kazakhstan, six "
            + "checkpoints were set up around the capital Nur-Sultan, according to state television, and a curfew was "
            + "issued from 11 p.m. to 7 a.m.";

    private HttpServer server;
    private final Deque<Object> replies = new ConcurrentLinkedDeque<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Object next = replies.isEmpty() ? 500 : replies.poll();
            byte[] body;
            int status;
            if (next instanceof Integer code) {
                status = code;
                body = "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = new ObjectMapper().writeValueAsBytes(Map.of(
                        "id", "c1", "object", "chat.completion", "created", 1, "model", "test",
                        "choices", java.util.List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", next))),
                        "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    private KnowledgeBase open(Path dir) throws IOException {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        try (Stream<Path> files = Files.list(Path.of("..", "articles"))) {
            for (Path f : files.toList()) {
                Files.copy(f, articles.resolve(f.getFileName()));
            }
        }
        var model = OpenAiChatModel.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .apiKey("test-key").modelName("test").maxRetries(0).timeout(Duration.ofSeconds(5)).build();
        KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, dir.resolve("data")),
                new BgeSmallEnV15QuantizedEmbeddingModel(), model);
        kb.sync(SyncListener.NONE);
        return kb;
    }

    @Test
    void theModelPhrasesTheAnswerAndItsQuotesAreVerifiedSpans(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = open(dir)) {
            // given
            replies.add("{\"answer\": \"Six checkpoints ringed the capital [1].\", \"quotes\": [{\"passage\": 1, \"quote\": \""
                    + CHECKPOINTS + "\"}]}");
            // when
            var a = kb.ask("How many checkpoints were set up around the capital?", Conversation.empty());
            // then
            assertEquals("Six checkpoints ringed the capital [1].", a.text());
            var c = a.citations().get(0);
            String file = Files.readString(dir.resolve("articles").resolve(c.articleId()));
            assertEquals(CHECKPOINTS, file.substring(c.start(), c.end()));
            assertEquals(1, calls.get());
        }
    }

    @Test
    void aQuoteNotInThePassagesIsDroppedAndTheExtractiveAnswerStands(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = open(dir)) {
            // given
            replies.add("{\"answer\": \"Ten checkpoints [1].\", \"quotes\": [{\"passage\": 1, \"quote\": \"Ten checkpoints were built.\"}]}");
            // when
            var a = kb.ask("How many checkpoints were set up around the capital?", Conversation.empty());
            // then
            assertTrue(a.answered());
            assertFalse(a.text().contains("Ten"), a.text());
            assertTrue(a.citations().get(0).quote().contains("six checkpoints"));
        }
    }

    @Test
    void aFailingModelFallsBackToTheExtractiveAnswer(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = open(dir)) {
            // given
            replies.add(503);
            // when
            var a = kb.ask("How many checkpoints were set up around the capital?", Conversation.empty());
            // then
            assertTrue(a.answered());
            assertTrue(a.text().contains("six checkpoints"), a.text());
        }
    }

    @Test
    void whatTheArticlesDoNotHoldIsNeverSentToTheModel(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = open(dir)) {
            // when
            var a = kb.ask("Who won the Champions League in 2021?", Conversation.empty());
            // then
            assertFalse(a.answered());
            assertEquals(0, calls.get());
        }
    }
}
