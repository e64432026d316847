package dev.briefing.bot.telegram;

import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.digest.DigestCommands;
import dev.briefing.bot.digest.DigestScheduler;
import dev.briefing.bot.digest.Pacer;
import dev.briefing.bot.digest.Sleeper;
import dev.briefing.bot.digest.TickReport;
import dev.briefing.bot.outbox.SendBudget;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.summary.ArticleSource;
import dev.briefing.bot.summary.SummaryService;
import dev.briefing.bot.telegram.TelegramEmulator.BotMessage;
import dev.briefing.bot.telegram.TelegramEmulator.Chat;
import dev.briefing.bot.testing.FakeClock;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily digest end to end: the real bot, wired as {@code run} wires it, over the repository's {@code
 * articles/} folder and a real SQLite store, against the local Bot API emulator. A user subscribes with a real
 * message; the test moves the clock past the send time and ticks the scheduler instead of waiting for it.
 */
@Timeout(180)
class DigestEndToEndTest {

    static final String BOT = "BriefingTestBot";
    static final String TOKEN = "765432:DIGEST-end-to-end";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path ARTICLES = Path.of("../articles");
    /** 07:00 UTC two days after the newest sample article (10 January 2022). */
    static final Instant MORNING = Instant.parse("2022-01-12T07:00:00Z");
    /** The first point of a briefing: a quote, then its article's title and date. */
    static final Pattern FIRST_POINT = Pattern.compile("\\n1\\. (.+?)\\n   — <i>(.+?)</i>, (\\d{4}-\\d{2}-\\d{2})");

    @TempDir
    Path data;

    @Test
    void aSubscriberGetsExactlyOneDigestWithCitationsOnceItsTimeHasCome() throws Exception {
        // Skipped, not failed, where npm ci has not been run; CI runs it.
        Assumptions.assumeTrue(TelegramEmulator.installed(), TelegramEmulator.INSTALL_HINT);
        FakeClock clock = FakeClock.running(MORNING);
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT);
             KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(ARTICLES, data));
             JdbcStore store = JdbcStore.open(data);
             TelegramConnection api = TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), emulator.url()))) {
            kb.sync(SyncListener.NONE);
            // Wired as RunCommand wires the bot, with the test's clock.
            Knowledge knowledge = Knowledge.of(kb);
            CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                    .registerAll();
            SummaryService summaries = new SummaryService(ArticleSource.of(kb), new CentroidSummarizer(), store, clock);
            new DigestCommands(commands, summaries, store, api.chatAdmins(clock), clock).registerAll();
            TelegramBot.Settings settings = TelegramBot.Settings.DEFAULTS.withPollTimeout(Duration.ofSeconds(2));
            SendBudget budget = SendBudget.of(settings.limits());
            try (TelegramBot bot = TelegramBot.start(api, knowledge, commands, settings, clock, budget,
                    m -> store.move(m.fromChatId(), m.toChatId()), store, store, store, store);
                 DigestScheduler digests = new DigestScheduler(store, store, summaries, api.digestSender(),
                         new Pacer(Pacer.SHARED_PER_SECOND, budget, clock, Sleeper.SYSTEM), clock,
                         DigestScheduler.DEFAULT_WORKERS)) {

                // given a user who subscribes at 07:00 UTC to a digest at 08:00 UTC
                Chat chat = Chat.privateWith(601);
                int order = emulator.write(TOKEN, chat, chat.id(), "/subscribe 08:00 UTC");
                BotMessage confirmed = single(emulator, chat);
                assertEquals(order, confirmed.replyTo());
                assertTrue(confirmed.text().startsWith("Subscribed: a briefing every day at 08:00 (UTC)."), confirmed.text());
                // and a tick before the time, which sends nothing
                assertEquals(0, digests.tick().due());

                // when the clock moves past 08:00 and the scheduler ticks
                clock.moveTo(MORNING.plus(Duration.ofHours(1)).plusSeconds(20));
                TickReport report = digests.tick();

                // then exactly one digest reached the chat: the latest day's briefing, citing the articles verbatim
                assertEquals(1, report.sent(), report.toString());
                BotMessage digest = single(emulator, chat);
                assertTrue("HTML".equalsIgnoreCase(digest.parseMode()), digest.parseMode());
                assertTrue(digest.text().startsWith("<b>Your briefing: Monday 10 January 2022</b>"), digest.text());
                Matcher point = FIRST_POINT.matcher(digest.text());
                assertTrue(point.find(), digest.text());
                String corpus = corpus();
                assertTrue(corpus.contains(unescape(point.group(1))), "not verbatim: " + point.group(1));
                assertTrue(corpus.contains(unescape(point.group(2))), "no such title: " + point.group(2));
                assertEquals("2022-01-10", point.group(3));

                // when the scheduler ticks again later that morning
                clock.advance(Duration.ofMinutes(5));
                TickReport again = digests.tick();

                // then nothing more is sent, and the store remembers today's digest
                assertEquals(0, again.due(), again.toString());
                assertEquals(List.of(), emulator.awaitBotMessages(TOKEN, chat, 1, Duration.ZERO));
                assertEquals(LocalDate.of(2022, 1, 12), store.subscription(chat.id()).orElseThrow().lastDigestDate());
            }
        }
    }

    private static BotMessage single(TelegramEmulator emulator, Chat chat) throws IOException {
        List<BotMessage> got = emulator.awaitBotMessages(TOKEN, chat, 1, WAIT);
        assertEquals(1, got.size(), "messages to chat " + chat.id() + ": " + got);
        return got.get(0);
    }

    private static String corpus() throws IOException {
        try (Stream<Path> files = Files.list(ARTICLES)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f)).append('\n');
            }
            return all.toString();
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
