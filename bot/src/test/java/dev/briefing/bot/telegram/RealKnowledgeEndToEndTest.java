package dev.briefing.bot.telegram;

import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.outbox.SendBudget;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.telegram.TelegramEmulator.BotMessage;
import dev.briefing.bot.telegram.TelegramEmulator.Chat;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real bot with the real knowledge base over the repository's {@code articles/} folder, against the
 * local Bot API emulator: quotes are verbatim from the files, Sources shows their paragraphs.
 */
@Timeout(180)
class RealKnowledgeEndToEndTest {

    static final String BOT = "BriefingTestBot";
    static final long BOT_ID = 654321;
    static final String TOKEN = BOT_ID + ":REAL-knowledge-test";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path ARTICLES = Path.of("../articles");
    static final Pattern QUOTE = Pattern.compile("<b>\\[1\\]</b> “(.+?)”\\n— <i>(.+?)</i>, (\\d{4}-\\d{2}-\\d{2})");

    @TempDir
    static Path data;
    static TelegramEmulator emulator;
    static KnowledgeBase kb;
    static TelegramBot bot;
    static TelegramConnection connection;
    static JdbcStore store;
    static String corpus;

    @BeforeAll
    static void start() throws Exception {
        if (!TelegramEmulator.installed()) {
            return;
        }
        try (Stream<Path> files = Files.list(ARTICLES)) {
            corpus = String.join("\n", files.sorted().map(RealKnowledgeEndToEndTest::read).toList());
        }
        emulator = TelegramEmulator.start(BOT);
        kb = KnowledgeBase.open(new KnowledgeSettings(ARTICLES, data));
        kb.sync(SyncListener.NONE);
        Knowledge knowledge = Knowledge.of(kb);
        CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                .registerAll();
        connection = TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), emulator.url()));
        TelegramBot.Settings settings = TelegramBot.Settings.DEFAULTS.withPollTimeout(Duration.ofSeconds(2));
        store = JdbcStore.open(data);
        bot = TelegramBot.start(connection, knowledge, commands, settings, Clock.systemUTC(),
                SendBudget.of(settings.limits()), MigrationListener.NONE, store, store, store, store);
    }

    @BeforeEach
    void needsTheEmulator() {
        // Skipped, not failed, where npm ci has not been run; CI runs it.
        Assumptions.assumeTrue(TelegramEmulator.installed(), TelegramEmulator.INSTALL_HINT);
    }

    @AfterAll
    static void stop() throws IOException {
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
        if (kb != null) {
            kb.close();
        }
    }

    @Test
    void quotesTheArticlesVerbatimAndShowsTheirParagraphs() throws IOException {
        // given a private chat
        Chat chat = Chat.privateWith(501);
        // when the user asks about the articles
        int question = emulator.write(TOKEN, chat, chat.id(), "What order did Tokayev give?");
        // then the answer cites a sentence that stands verbatim in an article file, with title and date
        BotMessage answer = single(chat);
        assertEquals(question, answer.replyTo());
        Matcher cited = QUOTE.matcher(answer.text());
        assertTrue(cited.find(), answer.text());
        String quote = unescape(cited.group(1));
        assertTrue(corpus.contains(quote), "not verbatim: " + quote);
        assertTrue(corpus.contains(cited.group(3)), "date " + cited.group(3));
        // when Sources is pressed
        emulator.press(TOKEN, chat, chat.id(), answer.id(), answer.buttons().get(0), BOT_ID);
        // then the paragraph holding the quote is shown, the quote in bold
        BotMessage sources = single(chat);
        assertTrue(sources.text().contains("<b>" + cited.group(1) + "</b>"), sources.text());
    }

    @Test
    void followsUpOnTheRealArticles() throws IOException {
        // given a private chat with one answered question
        Chat chat = Chat.privateWith(502);
        emulator.write(TOKEN, chat, chat.id(), "Who is Kassym-Jomart Tokayev?");
        single(chat);
        // when the user follows up with a pronoun
        int followUp = emulator.write(TOKEN, chat, chat.id(), "What did he order?");
        // then the follow-up is answered, threaded to it
        BotMessage answer = single(chat);
        assertEquals(followUp, answer.replyTo());
        assertTrue(answer.text().length() > 20, answer.text());
    }

    @Test
    void listsTheArticlesNewestFirstAndDescribesThemOnStart() throws IOException {
        // given a private chat
        Chat chat = Chat.privateWith(503);
        // when the user sends /sources and /start
        emulator.write(TOKEN, chat, chat.id(), "/sources");
        BotMessage sources = single(chat);
        emulator.write(TOKEN, chat, chat.id(), "/start");
        BotMessage start = single(chat);
        // then every article is listed with its date, newest first, and /start says how many and when
        List<String> dates = Pattern.compile("\\n\\d+\\. (\\d{4}-\\d{2}-\\d{2}|undated) — ").matcher(sources.text())
                .results().map(r -> r.group(1)).toList();
        assertEquals(kb.articles().size(), dates.size(), sources.text());
        List<String> newestFirstUndatedLast = Stream.concat(
                dates.stream().filter(d -> !d.equals("undated")).sorted(java.util.Comparator.reverseOrder()),
                dates.stream().filter(d -> d.equals("undated"))).toList();
        assertEquals(newestFirstUndatedLast, dates);
        assertTrue(start.text().contains("I know " + kb.catalog().describe()), start.text());
    }

    private static BotMessage single(Chat chat) throws IOException {
        List<BotMessage> got = emulator.awaitBotMessages(TOKEN, chat, 1, WAIT);
        assertEquals(1, got.size(), "messages to chat " + chat.id() + ": " + got);
        return got.get(0);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
