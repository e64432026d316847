package dev.briefing.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.telegram.TelegramEmulator.Chat;
import dev.briefing.bot.telegram.TelegramEmulator.SentMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar's {@code run} in webhook mode, fed by the emulator, which posts each update to the webhook with the
 * secret header, and posts some twice as Telegram may: every question is answered exactly once and each chat's answers
 * come in the order it asked; requests without the secret get 401 and bodies that are not updates 400; {@code
 * /healthz} says ready and {@code /metrics} counts what happened.
 *
 * <p>The two-instance variant runs only with {@code BRIEFING_TEST_DATABASE_URL} set to a PostgreSQL database both
 * instances share through {@code run --database}; with SQLite each instance needs its own data folder, so two would not
 * share the inbox that recognises an update delivered to both.
 */
@Timeout(360)
class WebhookRunIT {

    static final String BOT = "BriefingWebhookBot";
    static final String TOKEN = "616161:WEBHOOK-it_token";

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path work;

    @Test
    void oneInstanceAnswersEveryQuestionOnceAndInOrder() throws Exception {
        Assumptions.assumeTrue(TelegramEmulator.installed(), TelegramEmulator.INSTALL_HINT);
        assertTrue(RunProcess.built(), "the shaded jar is built before the integration tests");
        // given one instance behind an emulator that posts every 4th update twice
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT, 4);
             WebhookCluster cluster = WebhookCluster.start(emulator.url(), TOKEN, 1, work, Optional.empty())) {
            assertEquals(0.0, cluster.metric(0, "briefing_questions_total"), "no question yet");
            HttpResponse<String> health = cluster.get(0, "/healthz");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("ready", health.body().strip());

            // when 12 chats write 3 questions each, all at once, without waiting for answers
            Map<Long, List<Integer>> asked = writeAll(emulator, 12, 3, 20_000);

            // then each question is answered once, each chat's in the order asked
            List<SentMessage> sent = awaitAnswers(emulator, 36, Duration.ofSeconds(240));
            assertAnsweredOnceInOrder(asked, sent, cluster);
            JsonNode stats = emulator.webhookStats(TOKEN);
            assertEquals(36, stats.path("delivered").asInt(), stats.toString());
            assertTrue(stats.path("duplicates").asInt() >= 8, "the emulator posted copies: " + stats);
            // and the metrics counted them: questions, copies recognised, sends, answer times
            assertEquals(36.0, cluster.metric(0, "briefing_questions_total"));
            assertEquals(36.0, cluster.metric(0, "briefing_webhook_requests_total{outcome=\"accepted\"}"));
            assertEquals(stats.path("duplicates").asDouble(),
                    cluster.metric(0, "briefing_webhook_requests_total{outcome=\"duplicate\"}"));
            assertEquals(36.0, cluster.metric(0, "briefing_answer_seconds_count"));
            assertEquals(sent.size(), cluster.metric(0, "briefing_sends_total{outcome=\"ok\"}"));
            String scrape = cluster.get(0, "/metrics").body();
            for (String name : List.of("briefing_abstentions_total", "briefing_answer_seconds_bucket{le=\"1.0\"}",
                    "briefing_outbox_queued", "briefing_inbox_backlog", "briefing_digests_total{outcome=\"sent\"}",
                    "briefing_digests_total{outcome=\"failed\"}", "briefing_telegram_rate_limited_total{source=\"reply\"}")) {
                assertFalse(Double.isNaN(WebhookCluster.metric(scrape, name)), name + " in /metrics");
            }
            assertEquals(0.0, WebhookCluster.metric(scrape, "briefing_inbox_backlog"), "every update handled");

            // when someone posts without the secret, with a wrong one, or a body that is not an update
            String update = "{\"update_id\":999999,\"message\":{\"message_id\":1,\"date\":1,"
                    + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"hi\"}}";
            HttpResponse<String> noSecret = cluster.postWebhook(0, update, null);
            HttpResponse<String> wrongSecret = cluster.postWebhook(0, update, "not-the-secret-at-all");
            HttpResponse<String> notAnUpdate = cluster.postWebhook(0, "{\"hello\":", WebhookCluster.SECRET);
            // then 401, 401 and 400, each a line of text, and nothing is answered
            assertEquals(401, noSecret.statusCode());
            assertEquals(401, wrongSecret.statusCode());
            assertEquals(400, notAnUpdate.statusCode());
            assertFalse(notAnUpdate.body().contains("Exception"), notAnUpdate.body());
            assertEquals(2.0, cluster.metric(0, "briefing_webhook_requests_total{outcome=\"unauthorized\"}"));
            assertEquals(1.0, cluster.metric(0, "briefing_webhook_requests_total{outcome=\"bad_request\"}"));

            // and a stop is clean, and no log line carries the secret or the token
            assertEquals(List.of(143), cluster.terminate());
            String logs = cluster.logs();
            assertTrue(logs.contains("refused a request from 127.0.0.1 with no secret header (401)"), logs);
            assertFalse(logs.contains(WebhookCluster.SECRET), "the secret in a log");
            assertFalse(logs.contains("not-the-secret-at-all"), "a wrong secret in a log");
            assertFalse(logs.contains("WEBHOOK-it_token"), "the token in a log");
        }
    }

    @Test
    void twoInstancesOnOneDatabaseAnswerEachQuestionOnce() throws Exception {
        Assumptions.assumeTrue(TelegramEmulator.installed(), TelegramEmulator.INSTALL_HINT);
        // A schema of its own on the test server (skipped with a hint without one): no update ids of an earlier run.
        String database = ((Database.Postgres) databases.create(TestDatabases.Engine.POSTGRESQL)).url();
        assertTrue(RunProcess.built(), "the shaded jar is built before the integration tests");
        // given two instances on one database, each on an index with its vectors in (the follow-ups below compare
        // answers, which differ while an instance still answers from keywords alone), the emulator posting
        // round-robin and every 3rd update to both
        Files.createDirectories(work);
        for (int i = 0; i < 2; i++) {
            RunProcess.ingest(work.resolve("data-" + i), work.resolve("ingest-" + i + ".log"));
        }
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT, 3);
             WebhookCluster cluster = WebhookCluster.start(emulator.url(), TOKEN, 2, work, Optional.of(database))) {
            // when 50 chats write 2 questions each, all at once
            Map<Long, List<Integer>> asked = writeAll(emulator, 50, 2, 30_000);
            // then each is answered once, in order per chat, and both instances took a share
            List<SentMessage> sent = awaitAnswers(emulator, 100, Duration.ofSeconds(300));
            assertAnsweredOnceInOrder(asked, sent, cluster);
            assertEquals(100.0, cluster.total("briefing_webhook_requests_total{outcome=\"accepted\"}"));
            assertTrue(cluster.metric(0, "briefing_webhook_requests_total{outcome=\"accepted\"}") > 0);
            assertTrue(cluster.metric(1, "briefing_webhook_requests_total{outcome=\"accepted\"}") > 0);
            // Copies the instances recognised: the emulator's second copies, and any retry of an update stored but not
            // answered 2xx in time (the emulator, as Telegram, retries after 10 s), on this shared machine.
            JsonNode stats = emulator.webhookStats(TOKEN);
            double copies = cluster.total("briefing_webhook_requests_total{outcome=\"duplicate\"}");
            assertTrue(copies >= stats.path("duplicates").asDouble()
                    && copies <= stats.path("duplicates").asDouble() + stats.path("retries").asDouble(),
                    copies + " copies recognised; emulator: " + stats);

            // when chats ask a question and then a follow-up, which the emulator posts to either instance
            // (compared by the sentence each answer leads with: the ones cited after it depend on how close the runners-up
            // come, and so on the sentence vectors, which the quantized model computes a little differently per batch)
            String explicit = ask(emulator, cluster, Chat.privateWith(90_000), "What did Kassym-Jomart Tokayev order?").lead();
            String cold = ask(emulator, cluster, Chat.privateWith(90_001), "What did he order?").lead();
            assertFalse(explicit.equals(cold), "asked cold, the follow-up has nothing to resolve against: " + cold);
            int crossed = 0;
            // Three pairs: the emulator posts round-robin and every 3rd update to both, so at least two of them
            // have the follow-up reach the instance that did not answer the question.
            for (int c = 0; c < 3; c++) {
                Chat chat = Chat.privateWith(90_010 + c);
                Answered first = ask(emulator, cluster, chat, "Who is Kassym-Jomart Tokayev?");
                Answered followUp = ask(emulator, cluster, chat, "What did he order?");
                // then the follow-up resolves against the earlier turn, whichever instance answered that
                assertEquals(explicit, followUp.lead(), "chat " + chat.id() + ": the follow-up, answered by instance "
                        + followUp.by() + " after instance " + first.by() + " answered the question");
                crossed += first.by() != followUp.by() ? 1 : 0;
            }
            assertTrue(crossed >= 1, "no follow-up reached the other instance");
            assertEquals(List.of(143, 143), cluster.terminate());
        }
    }

    static final String QUESTIONS = "briefing_questions_total";

    /** An answer's text, and the instance that answered (whose question count rose). */
    record Answered(String text, int by) {

        /** The answer's first sentence cited, or the whole text when it cites none. */
        String lead() {
            int end = text.indexOf(" [1]");
            return end < 0 ? text : text.substring(0, end);
        }
    }

    /** Asks in a quiet two-instance cluster and waits for the whole answer. */
    static Answered ask(TelegramEmulator emulator, WebhookCluster cluster, Chat chat, String question) throws Exception {
        double before = cluster.metric(1, QUESTIONS);
        emulator.write(TOKEN, chat, chat.id(), question);
        List<TelegramEmulator.BotMessage> answer = emulator.awaitBotMessages(TOKEN, chat, 1, Duration.ofSeconds(90));
        assertFalse(answer.isEmpty(), "chat " + chat.id() + ": no answer to " + question);
        StringBuilder text = new StringBuilder();
        answer.forEach(m -> text.append(m.text()));
        // The question is counted before its answer is queued, so by now.
        return new Answered(text.toString(), cluster.metric(1, QUESTIONS) > before ? 1 : 0);
    }

    /** {@code chats} private chats from {@code firstChat} on each write {@code perChat} questions; ids by chat. */
    static Map<Long, List<Integer>> writeAll(TelegramEmulator emulator, int chats, int perChat, long firstChat)
            throws Exception {
        Map<Long, List<Integer>> asked = new LinkedHashMap<>();
        ExecutorService people = Executors.newFixedThreadPool(Math.min(chats, 16));
        try {
            List<Future<List<Integer>>> written = new ArrayList<>();
            for (int c = 0; c < chats; c++) {
                Chat chat = Chat.privateWith(firstChat + c);
                int offset = c;
                written.add(people.submit(() -> {
                    List<Integer> ids = new ArrayList<>();
                    for (int q = 0; q < perChat; q++) {
                        String question = TelegramLoadRun.QUESTIONS.get((offset + q) % TelegramLoadRun.QUESTIONS.size());
                        ids.add(emulator.write(TOKEN, chat, chat.id(), question));
                    }
                    return ids;
                }));
            }
            for (int c = 0; c < chats; c++) {
                asked.put(firstChat + c, written.get(c).get());
            }
        } finally {
            people.shutdown();
        }
        return asked;
    }

    /** Waits for {@code count} messages of the bot, then 2 s more for any extra copy; returns them all. */
    static List<SentMessage> awaitAnswers(TelegramEmulator emulator, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (emulator.allBotMessages(TOKEN).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(2_000);
        return emulator.allBotMessages(TOKEN);
    }

    /**
     * Each chat's answers, in the order the bot sent them, reply to its questions in the order they were asked, one
     * answer each: no question lost, none answered twice (a copy posted twice shows as the same reply twice).
     */
    static void assertAnsweredOnceInOrder(Map<Long, List<Integer>> asked, List<SentMessage> sent, WebhookCluster cluster)
            throws Exception {
        Set<String> seen = new HashSet<>();
        for (SentMessage m : sent) {
            assertTrue(seen.add(m.chatId() + "/" + m.replyTo() + "/" + m.text()),
                    "answered twice: chat " + m.chatId() + ", question " + m.replyTo());
        }
        for (Map.Entry<Long, List<Integer>> chat : asked.entrySet()) {
            List<Integer> replies = new ArrayList<>();
            for (SentMessage m : sent) {
                // An answer longer than one message is sent as consecutive parts, each replying to its question.
                if (m.chatId() == chat.getKey() && (replies.isEmpty() || replies.get(replies.size() - 1) != m.replyTo())) {
                    replies.add(m.replyTo());
                }
            }
            assertEquals(chat.getValue(), replies, "chat " + chat.getKey() + ": questions asked, then the questions"
                    + " its answers reply to, in the order sent; logs:\n" + tail(cluster.logs()));
        }
    }

    private static String tail(String logs) {
        return logs.length() > 4000 ? logs.substring(logs.length() - 4000) : logs;
    }
}
