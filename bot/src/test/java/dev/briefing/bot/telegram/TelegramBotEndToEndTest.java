package dev.briefing.bot.telegram;

import dev.briefing.bot.chat.ScriptedKnowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.outbox.SendBudget;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.telegram.TelegramEmulator.BotMessage;
import dev.briefing.bot.telegram.TelegramEmulator.Chat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real bot, over HTTP, against the local Bot API emulator: what a user sees in private chats and
 * groups. Answers come from {@link ScriptedKnowledge}, which names the conversation each question was
 * answered in, so follow-ups can be checked; the emulator rejects malformed HTML and texts over 4096
 * characters as Telegram does.
 */
@Timeout(120)
class TelegramBotEndToEndTest {

    static final String BOT = "BriefingTestBot";
    static final long BOT_ID = 123456;
    static final String TOKEN = BOT_ID + ":TEST-token_for-the-emulator";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Duration QUIET = Duration.ofMillis(300);

    static TelegramEmulator emulator;
    static TelegramBot bot;
    static TelegramConnection connection;
    static ScriptedKnowledge knowledge;
    static JdbcStore store;
    static final AtomicLong ids = new AtomicLong(1000);
    /** Everything logged while the bot runs (slf4j-simple writes to System.err), to look for the token. */
    static final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    static PrintStream originalErr;

    @BeforeAll
    static void startEmulatorAndBot() throws Exception {
        if (!TelegramEmulator.installed()) {
            return;
        }
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, logged), true, StandardCharsets.UTF_8));
        emulator = TelegramEmulator.start(BOT);
        knowledge = new ScriptedKnowledge();
        CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                .registerAll();
        connection = TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), emulator.url()));
        TelegramBot.Settings settings = TelegramBot.Settings.DEFAULTS.withPollTimeout(Duration.ofSeconds(2));
        store = JdbcStore.open(java.nio.file.Files.createTempDirectory("telegram-e2e"));
        bot = TelegramBot.start(connection, knowledge, commands, settings, Clock.systemUTC(),
                SendBudget.of(settings.limits()), MigrationListener.NONE, store, store, store, store);
    }

    @BeforeEach
    void needsTheEmulator() {
        // Skipped, not failed, where npm ci has not been run; CI runs it.
        Assumptions.assumeTrue(TelegramEmulator.installed(), TelegramEmulator.INSTALL_HINT);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (store != null) {
            store.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (originalErr != null) {
            System.setErr(originalErr);
        }
    }

    @Test
    void neverLogsTheToken() throws IOException {
        // given a bot that started and answered a question
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        emulator.write(TOKEN, chat, chat.id(), "Anything logged?");
        single(chat);
        // when its log is read
        String log;
        synchronized (logged) {
            log = logged.toString(StandardCharsets.UTF_8);
        }
        // then it holds the bot's start line but never the token's secret
        assertTrue(log.contains("running as @" + BOT), log);
        assertFalse(log.contains("TEST-token_for-the-emulator"), log);
    }

    @Test
    void registersTheCommandMenuFromTheRegistry() throws IOException {
        // given the bot started in @BeforeAll
        // when the menu is read back
        var menu = emulator.myCommands(TOKEN);
        // then it lists the built-in commands in registry order
        assertEquals(5, menu.size(), menu.toString());
        assertEquals("start", menu.get(0).path("command").asText());
        assertEquals("ask", menu.get(2).path("command").asText());
    }

    @Test
    void answersAPrivateQuestionWithCitationsThreadedToIt() throws IOException {
        // given a private chat
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        // when the user asks a question
        int question = emulator.write(TOKEN, chat, chat.id(), "What did Tokayev order?");
        // then one reply comes, threaded to the question, with the numbered quote, title and date, and a Sources button
        BotMessage answer = single(chat);
        assertEquals(question, answer.replyTo());
        assertTrue("HTML".equalsIgnoreCase(answer.parseMode()), answer.parseMode());
        assertTrue(answer.text().startsWith("Answer to: What did Tokayev order? [1]"), answer.text());
        assertTrue(answer.text().contains("<b>[1]</b> “" + ScriptedKnowledge.QUOTE + "”"), answer.text());
        assertTrue(answer.text().contains("Kazakhstan: &lt;Tokayev&gt; orders police to shoot &amp; Russia intervenes"),
                answer.text());
        assertTrue(answer.text().contains("2022-01-07"), answer.text());
        assertEquals(1, answer.buttons().size());
    }

    @Test
    void followsUpInAPrivateChat() throws IOException {
        // given a private chat with one answered question
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        emulator.write(TOKEN, chat, chat.id(), "Who is Tokayev?");
        single(chat);
        // when the user follows up
        emulator.write(TOKEN, chat, chat.id(), "And what did he order?");
        // then the follow-up is answered in the same conversation
        BotMessage answer = single(chat);
        assertTrue(answer.text().startsWith("Answer to: And what did he order? (following up on: Who is Tokayev?)"),
                answer.text());
    }

    @Test
    void answersAskAddressedToItInAGroup() throws IOException {
        // given a group
        Chat group = Chat.group(-ids.incrementAndGet());
        // when someone sends /ask@BriefingTestBot with a question
        int question = emulator.write(TOKEN, group, 7, "/ask@" + BOT + " What happened in Almaty?");
        // then the bot answers it, threaded
        BotMessage answer = single(group);
        assertEquals(question, answer.replyTo());
        assertTrue(answer.text().startsWith("Answer to: What happened in Almaty? [1]"), answer.text());
    }

    @Test
    void answersAMentionAndIgnoresOtherChatterInAGroup() throws IOException {
        // given a group where people talk among themselves
        Chat group = Chat.group(-ids.incrementAndGet());
        emulator.write(TOKEN, group, 7, "Has anyone seen the news today?");
        // when someone mentions the bot
        int question = emulator.write(TOKEN, group, 8, "@" + BOT + " what did Russia do?");
        // then only the mention is answered, without the mention in the question
        BotMessage answer = single(group);
        assertEquals(question, answer.replyTo());
        assertTrue(answer.text().startsWith("Answer to: what did Russia do? [1]"), answer.text());
    }

    @Test
    void ignoresACommandForAnotherBot() throws IOException {
        // given a group with another bot in it
        Chat group = Chat.group(-ids.incrementAndGet());
        // when someone sends a command to the other bot, then one to this bot
        emulator.write(TOKEN, group, 7, "/ask@OtherBot what is the weather?");
        emulator.write(TOKEN, group, 7, "/start@OtherBot");
        int ours = emulator.write(TOKEN, group, 7, "/help@" + BOT);
        // then only this bot's command is answered
        BotMessage help = single(group);
        assertEquals(ours, help.replyTo());
        assertTrue(help.text().contains("/ask &lt;question&gt; — Ask a question about the articles"), help.text());
        assertFalse(knowledge.describeAsked().contains("weather"), knowledge.describeAsked());
    }

    @Test
    void followsUpEachAnswerRepliedToInAGroup() throws IOException {
        // given a group where two people asked two questions
        Chat group = Chat.group(-ids.incrementAndGet());
        emulator.write(TOKEN, group, 7, "/ask@" + BOT + " Who is Tokayev?");
        BotMessage first = single(group);
        emulator.write(TOKEN, group, 8, "/ask@" + BOT + " Why did fuel prices rise?");
        BotMessage second = single(group);
        // when each replies to the other answer than the latest
        int toFirst = emulator.reply(TOKEN, group, 7, "What did he order?", first.id(), BOT_ID);
        BotMessage followUp = single(group);
        int toSecond = emulator.reply(TOKEN, group, 8, "Who protested?", second.id(), BOT_ID);
        BotMessage otherFollowUp = single(group);
        // then each follow-up continues the conversation of the answer it replies to
        assertEquals(toFirst, followUp.replyTo());
        assertTrue(followUp.text().startsWith("Answer to: What did he order? (following up on: Who is Tokayev?)"),
                followUp.text());
        assertEquals(toSecond, otherFollowUp.replyTo());
        assertTrue(otherFollowUp.text().startsWith("Answer to: Who protested? (following up on: Why did fuel prices rise?)"),
                otherFollowUp.text());
    }

    @Test
    void splitsALongAnswerUnder4096Characters() throws IOException {
        // given a private chat
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        // when the answer runs over Telegram's limit
        int question = emulator.write(TOKEN, chat, chat.id(), "Tell me the long story");
        // then it comes in parts under 4096 characters, the Sources button under the last
        List<BotMessage> parts = emulator.awaitBotMessages(TOKEN, chat, 2, WAIT);
        parts = concat(parts, emulator.awaitBotMessages(TOKEN, chat, 99, QUIET));
        assertTrue(parts.size() >= 2, "parts: " + parts.size());
        for (BotMessage part : parts) {
            assertTrue(part.text().length() <= 4096, "part of " + part.text().length());
            assertEquals(question, part.replyTo());
        }
        assertTrue(parts.get(parts.size() - 1).text().contains(ScriptedKnowledge.QUOTE));
        assertEquals(1, parts.get(parts.size() - 1).buttons().size());
        assertTrue(parts.get(0).buttons().isEmpty());
    }

    @Test
    void escapesHtmlInTheQuestion() throws IOException {
        // given a private chat
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        // when the question holds markup (which the emulator, like Telegram, would reject unescaped)
        emulator.write(TOKEN, chat, chat.id(), "Is <b>this</b> & <script>that</script> safe?");
        // then the answer arrives and shows the markup as text
        BotMessage answer = single(chat);
        assertTrue(answer.text().startsWith(
                "Answer to: Is &lt;b&gt;this&lt;/b&gt; &amp; &lt;script&gt;that&lt;/script&gt; safe?"), answer.text());
    }

    @Test
    void showsTheWholeParagraphsWhenSourcesIsPressed() throws IOException {
        // given an answer with a Sources button
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        emulator.write(TOKEN, chat, chat.id(), "What did Tokayev order?");
        BotMessage answer = single(chat);
        // when the user presses it
        emulator.press(TOKEN, chat, chat.id(), answer.id(), answer.buttons().get(0), BOT_ID);
        // then the paragraph the quote comes from is shown whole, the quote in bold, threaded to the answer
        BotMessage sources = single(chat);
        assertEquals(answer.id(), sources.replyTo());
        assertTrue(sources.text().contains("<b>" + ScriptedKnowledge.QUOTE + "</b> " + ScriptedKnowledge.SECOND_SENTENCE),
                sources.text());
    }

    @Test
    void anotherChatPressingAnAnswersButtonDataIsNotShownItsSources() throws IOException {
        // given an answer with a Sources button in one private chat
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        emulator.write(TOKEN, chat, chat.id(), "What did Tokayev order?");
        BotMessage answer = single(chat);
        // when another chat's user presses a button carrying the same data (learnt or guessed)
        Chat other = Chat.privateWith(ids.incrementAndGet());
        emulator.press(TOKEN, other, other.id(), answer.id(), answer.buttons().get(0), BOT_ID);
        // then that chat is told they are not available, and sees no quote
        BotMessage reply = single(other);
        assertTrue(reply.text().contains("not available"), reply.text());
        assertFalse(reply.text().contains(ScriptedKnowledge.QUOTE), reply.text());
    }

    @Test
    void hintsAtTextForAStickerInPrivateAndStaysSilentInAGroup() throws IOException {
        // given a private chat and a group
        Chat chat = Chat.privateWith(ids.incrementAndGet());
        Chat group = Chat.group(-ids.incrementAndGet());
        // when a sticker comes in each
        emulator.sticker(TOKEN, group, 7);
        int sticker = emulator.sticker(TOKEN, chat, chat.id());
        // then the private chat gets a hint and the group nothing
        BotMessage hint = single(chat);
        assertEquals(sticker, hint.replyTo());
        assertTrue(hint.text().contains("only read text"), hint.text());
        assertTrue(emulator.awaitBotMessages(TOKEN, group, 1, QUIET).isEmpty());
    }

    /** Waits for exactly one message of the bot to the chat: one arrives, and no other follows at once. */
    private static BotMessage single(Chat chat) throws IOException {
        List<BotMessage> got = emulator.awaitBotMessages(TOKEN, chat, 1, WAIT);
        assertEquals(1, got.size(), "messages to chat " + chat.id() + ": " + got);
        return got.get(0);
    }

    /** Writes to two streams: the console, and a buffer the test reads. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        TeeStream(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }

    private static List<BotMessage> concat(List<BotMessage> a, List<BotMessage> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
