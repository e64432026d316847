package dev.briefing.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The local Bot API emulator ({@code src/test/node/emulator.js}) in a child process, and the user's side of
 * it: write messages and press buttons as people would, and read what the bot sent to a chat.
 */
final class TelegramEmulator implements AutoCloseable {

    /** The bot module's folder: the working folder under Surefire, told by a property under exec:java. */
    static final Path MODULE_DIR = Path.of(System.getProperty("bot.basedir", "."));
    static final Path NODE_DIR = MODULE_DIR.resolve("src/test/node");
    static final String INSTALL_HINT = "the Bot API emulator is not installed; run: npm ci --prefix bot/src/test/node";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TelegramEmulator(Process process, int port) {
        this.process = process;
        this.url = URI.create("http://127.0.0.1:" + port);
    }

    /** Whether {@code npm ci} has been run in the emulator's folder. */
    static boolean installed() {
        return Files.isDirectory(NODE_DIR.resolve("node_modules/telegram-test-api"));
    }

    /** Starts the emulator on a free loopback port; {@code botName} is the username getMe reports. */
    static TelegramEmulator start(String botName) throws IOException {
        return start(botName, 0);
    }

    /**
     * As {@link #start(String)}; when the bot sets a webhook, every {@code duplicateEvery}-th update is posted twice
     * (to two instances when two registered), as Telegram may redeliver; 0 never.
     */
    static TelegramEmulator start(String botName, int duplicateEvery) throws IOException {
        Process p = new ProcessBuilder("node", "emulator.js", "--bot-name", botName,
                "--duplicate-every", String.valueOf(duplicateEvery))
                .directory(NODE_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the emulator did not start within 20 s", e);
        }
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("the emulator did not start: " + line);
        }
        return new TelegramEmulator(p, Integer.parseInt(line.substring("listening ".length()).strip()));
    }

    /** The Bot API's address, for {@code TELEGRAM_API_URL}. */
    URI url() {
        return url;
    }

    /** A user writes {@code text} in a chat; returns the message's id. */
    int write(String token, Chat chat, long userId, String text) throws IOException {
        return send(token, message(chat, userId).put("text", text));
    }

    /** A user replies to message {@code replyTo} of the bot. */
    int reply(String token, Chat chat, long userId, String text, int replyTo, long botId) throws IOException {
        ObjectNode m = message(chat, userId).put("text", text);
        m.putObject("reply_to_message").put("message_id", replyTo).put("date", now()).put("text", "…")
                .<ObjectNode>set("chat", chat.json())
                .putObject("from").put("id", botId).put("is_bot", true).put("first_name", "Briefing");
        return send(token, m);
    }

    /** A user sends a sticker: a message without text. */
    int sticker(String token, Chat chat, long userId) throws IOException {
        ObjectNode m = message(chat, userId);
        m.putObject("sticker").put("file_id", "sticker-1").put("file_unique_id", "u1").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        return send(token, m);
    }

    /** A user presses the button carrying {@code data} under the bot's message {@code messageId}. */
    void press(String token, Chat chat, long userId, int messageId, String data, long botId) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("botToken", token).put("data", data);
        body.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "User" + userId);
        ObjectNode m = body.putObject("message").put("message_id", messageId).put("date", now()).put("text", "…");
        m.set("chat", chat.json());
        m.putObject("from").put("id", botId).put("is_bot", true).put("first_name", "Briefing");
        post("/sendCallback", body);
    }

    /** Waits up to {@code timeout} for {@code count} unread messages of the bot to a chat; returns those there are. */
    List<BotMessage> awaitBotMessages(String token, Chat chat, int count, Duration timeout) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("token", token).put("chatId", chat.id())
                .put("count", count).put("timeoutMs", timeout.toMillis());
        List<BotMessage> out = new ArrayList<>();
        for (JsonNode m : post("/waitBotMessages", body).path("result")) {
            JsonNode reply = m.path("reply_to_message_id");
            List<String> buttons = new ArrayList<>();
            for (JsonNode row : m.path("reply_markup").path("inline_keyboard")) {
                for (JsonNode b : row) {
                    buttons.add(b.path("callback_data").asText());
                }
            }
            out.add(new BotMessage(m.path("message_id").asInt(), m.path("text").asText(),
                    m.path("parse_mode").asText(), reply.isMissingNode() || reply.isNull() ? null : reply.asInt(), buttons));
        }
        return out;
    }

    /** Every message the bot sent to any chat, read or not: chat, the message it replies to, text. */
    List<SentMessage> allBotMessages(String token) throws IOException {
        List<SentMessage> out = new ArrayList<>();
        for (JsonNode m : post("/allBotMessages", JSON.createObjectNode().put("token", token)).path("result")) {
            JsonNode reply = m.path("reply_to_message_id");
            out.add(new SentMessage(m.path("chat_id").asLong(), reply.isMissingNode() || reply.isNull() ? 0 : reply.asInt(),
                    m.path("text").asText()));
        }
        return out;
    }

    /** A message the bot sent, as {@link #allBotMessages} lists it; {@code replyTo} is 0 for none. */
    record SentMessage(long chatId, int replyTo, String text) {
    }

    /**
     * What the emulator posted to the token's webhook: {@code urls} registered, updates {@code delivered}, second
     * copies ({@code duplicates}), {@code retries} and answers {@code byStatus}; a missing node when none was set.
     */
    JsonNode webhookStats(String token) throws IOException {
        return post("/webhookStats", JSON.createObjectNode().put("token", token)).path("result");
    }

    /** The command menu the bot registered with setMyCommands. */
    JsonNode myCommands(String token) throws IOException {
        return post("/bot" + token + "/getMyCommands", JSON.createObjectNode()).path("result");
    }

    private int send(String token, ObjectNode message) throws IOException {
        message.put("botToken", token);
        return post("/userMessage", message).path("result").path("message_id").asInt();
    }

    private ObjectNode message(Chat chat, long userId) {
        ObjectNode m = JSON.createObjectNode().put("date", now());
        m.set("chat", chat.json());
        m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "User" + userId);
        return m;
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A chat as the emulator's users see it. */
    record Chat(long id, String type) {

        static Chat privateWith(long userId) {
            return new Chat(userId, "private");
        }

        static Chat group(long id) {
            return new Chat(id, "group");
        }

        ObjectNode json() {
            ObjectNode c = JSON.createObjectNode().put("id", id).put("type", type);
            if (type.equals("private")) {
                c.put("first_name", "User" + id);
            } else {
                c.put("title", "Group " + id);
            }
            return c;
        }
    }

    /** A message the bot sent. */
    record BotMessage(int id, String text, String parseMode, Integer replyTo, List<String> buttons) {
    }
}
