package dev.briefing.bot.digest;

import dev.briefing.bot.testing.FakeClock;
import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.DigestRecord;
import dev.briefing.bot.store.DigestState;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.store.TestDatabases.Engine;
import dev.briefing.bot.summary.ArticleSource;
import dev.briefing.bot.summary.SampleArticles;
import dev.briefing.bot.summary.SummaryService;
import dev.briefing.knowledge.article.Article;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.briefing.bot.summary.SampleArticles.reporting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DigestSchedulerTest {

    static final LocalDate MAR25 = LocalDate.of(2026, 3, 25);
    static final LocalDate MAR26 = LocalDate.of(2026, 3, 26);
    static final LocalDate MAR27 = LocalDate.of(2026, 3, 27);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 08:00 in Berlin on 27 March (winter time, UTC+1). */
    static final Instant BERLIN_8AM = Instant.parse("2026-03-27T07:00:00Z");

    @TempDir
    Path data;

    final FakeClock clock = new FakeClock(Instant.parse("2026-03-27T00:00:00Z"));
    final RecordingSender sender = new RecordingSender(clock);
    final SampleArticles.CountingSummarizer summarizer = new SampleArticles.CountingSummarizer();
    final List<Article> articles = new CopyOnWriteArrayList<>(List.of(
            reporting("mar25-a", MAR25, 0, 1), reporting("mar25-b", MAR25, 2),
            reporting("mar26-a", MAR26, 0, 3), reporting("mar26-b", MAR26, 4, 5)));
    final ArticleSource source = new ArticleSource() {
        @Override
        public List<Article> articlesOn(LocalDate day) {
            return ArticleSource.of(articles).articlesOn(day);
        }

        @Override
        public List<LocalDate> days() {
            return ArticleSource.of(articles).days();
        }
    };
    final List<AutoCloseable> running = new ArrayList<>();
    JdbcStore store;
    /** The database the bots share: SQLite under {@code data} unless a test picks an engine. */
    Database db;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    static List<Engine> engines() {
        return TestDatabases.engines().toList();
    }

    /** Starts a bot process: its own connection to the database and its own scheduler. */
    DigestScheduler startBot(int workers) {
        return startBot(workers, sender);
    }

    DigestScheduler startBot(int workers, DigestSender through) {
        return startBot(workers, through, new Pacer(Pacer.TELEGRAM_PER_SECOND, clock, clock::advance));
    }

    DigestScheduler startBot(int workers, DigestSender through, Pacer pacer) {
        store = JdbcStore.open(db == null ? Database.sqlite(data) : db);
        DigestScheduler scheduler = new DigestScheduler(store, store, new SummaryService(source, summarizer, store, clock),
                through, pacer, clock, workers);
        running.add(store);
        running.add(scheduler);
        return scheduler;
    }

    DigestScheduler startBot() {
        return startBot(1);
    }

    /** Stops every bot started so far, as a restart would. */
    void stopBots() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        stopBots();
    }

    void subscribe(long chat, String at, String zone) {
        store.subscribe(Subscription.of(chat, LocalTime.parse(at), ZoneId.of(zone), clock.instant()));
    }

    /** Ticks every {@code step} from now until {@code end}. */
    void tickUntil(DigestScheduler bot, Instant end, Duration step) {
        while (clock.instant().isBefore(end)) {
            bot.tick();
            clock.advance(step);
        }
    }

    List<Instant> sendTimes(long chat) {
        return sender.sentTo(chat).stream().map(RecordingSender.Sent::at).toList();
    }

    @Test
    void eachChatGetsOneDigestADayAtItsLocalTimeAcrossTheDaylightSavingChange() {
        // given subscribers in three zones; Berlin moves to summer time in the night to 29 March
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        subscribe(2, "07:00", "America/New_York");
        subscribe(3, "08:00", "UTC+03:00");

        // when four days pass, ticking every ten minutes
        tickUntil(bot, Instant.parse("2026-03-31T00:00:00Z"), Duration.ofMinutes(10));

        // then
        assertEquals(List.of(Instant.parse("2026-03-27T07:00:00Z"), Instant.parse("2026-03-28T07:00:00Z"),
                Instant.parse("2026-03-29T06:00:00Z"), Instant.parse("2026-03-30T06:00:00Z")), sendTimes(1));
        assertEquals(List.of(Instant.parse("2026-03-27T11:00:00Z"), Instant.parse("2026-03-28T11:00:00Z"),
                Instant.parse("2026-03-29T11:00:00Z"), Instant.parse("2026-03-30T11:00:00Z")), sendTimes(2));
        assertEquals(List.of(Instant.parse("2026-03-27T05:00:00Z"), Instant.parse("2026-03-28T05:00:00Z"),
                Instant.parse("2026-03-29T05:00:00Z"), Instant.parse("2026-03-30T05:00:00Z")), sendTimes(3));
    }

    @Test
    void theDigestSummarizesTheLatestNewDayOrSaysThereIsNothingNew() {
        // given
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");

        // when the first digest goes out
        clock.set(BERLIN_8AM);
        bot.tick();

        // then it is the briefing of the 26th, cited, with what was new since the 25th
        String first = sender.sentTo(1).get(0).html();
        assertTrue(first.startsWith("<b>Your briefing: Thursday 26 March 2026</b>"), first);
        assertTrue(first.contains("— <i>Title of mar26-"), first);
        assertTrue(first.contains("New since Wednesday 25 March 2026"), first);

        // when no article arrives before the next morning
        clock.set(BERLIN_8AM.plus(Duration.ofDays(1)));
        bot.tick();

        // then
        assertEquals("No new articles since 2026-03-26.", sender.sentTo(1).get(1).html());

        // when articles of the 28th arrive, the next digest is theirs
        articles.add(reporting("mar28-a", LocalDate.of(2026, 3, 28), 2, 5));
        clock.set(Instant.parse("2026-03-29T06:00:00Z"));
        bot.tick();
        assertTrue(sender.sentTo(1).get(2).html().startsWith("<b>Your briefing: Saturday 28 March 2026</b>"));
        assertEquals(LocalDate.of(2026, 3, 28), store.subscription(1).orElseThrow().lastArticleDay());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aRestartBeforeTheSendTimeStillSendsOnce(Engine engine) throws Exception {
        db = databases.create(engine);
        // given a bot that ran until just before 08:00
        DigestScheduler before = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        tickUntil(before, BERLIN_8AM.minusSeconds(30), Duration.ofMinutes(10));
        assertEquals(0, sender.sent().size());
        stopBots();

        // when it comes back and runs through the morning
        DigestScheduler after = startBot();
        clock.set(BERLIN_8AM.minusSeconds(30));
        tickUntil(after, BERLIN_8AM.plus(Duration.ofHours(4)), Duration.ofSeconds(30));

        // then
        assertEquals(List.of(BERLIN_8AM), sendTimes(1));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aRestartAfterTheSendTimeDoesNotRepeatTheDigest(Engine engine) throws Exception {
        db = databases.create(engine);
        // given a bot that sent at 08:00
        DigestScheduler before = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        clock.set(BERLIN_8AM);
        before.tick();
        stopBots();

        // when it restarts five minutes later and runs the rest of the day
        DigestScheduler after = startBot();
        clock.set(BERLIN_8AM.plus(Duration.ofMinutes(5)));
        tickUntil(after, Instant.parse("2026-03-27T22:59:00Z"), Duration.ofMinutes(10));

        // then
        assertEquals(List.of(BERLIN_8AM), sendTimes(1));
    }

    @Test
    void aBotDownAtTheSendTimeSendsTheMissedDigestWhenItComesBackTheSameDay() {
        // given a subscriber, and a bot that only starts at 16:00 Berlin time
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        Instant back = Instant.parse("2026-03-27T15:00:00Z");
        clock.set(back);

        // when
        tickUntil(bot, Instant.parse("2026-03-28T08:00:00Z"), Duration.ofMinutes(15));

        // then the missed one went out on return, and the next day's at its time
        assertEquals(List.of(back, Instant.parse("2026-03-28T07:00:00Z")), sendTimes(1));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aClaimLeftByACrashedSenderIsTakenOverAfterTheLease(Engine engine) {
        db = databases.create(engine);
        // given another process claimed the digest at 08:00 and died before sending
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        assertTrue(store.claim(1, MAR27, "crashed", BERLIN_8AM, DigestScheduler.LEASE, 3));

        // when this bot ticks during the lease
        clock.set(BERLIN_8AM.plusSeconds(30));
        TickReport during = bot.tick();

        // then it leaves the digest alone
        assertEquals(1, during.skipped());
        assertTrue(sender.sent().isEmpty());

        // when the lease has run out
        clock.set(BERLIN_8AM.plus(DigestScheduler.LEASE));
        bot.tick();

        // then it sends, once
        assertEquals(List.of(BERLIN_8AM.plus(DigestScheduler.LEASE)), sendTimes(1));
        assertEquals(DigestState.SENT, store.digest(1, MAR27).orElseThrow().state());
    }

    @Test
    void aConfiguredLeaseDecidesWhenAClaimIsTakenOver() {
        // given a bot whose claims hold 20 seconds (run --digest-lease 20), and a claim a crashed sender left at 08:00
        store = JdbcStore.open(Database.sqlite(data));
        running.add(store);
        DigestScheduler bot = new DigestScheduler(store, store, new SummaryService(source, summarizer, store, clock),
                sender, new Pacer(Pacer.TELEGRAM_PER_SECOND, clock, clock::advance), clock, 1, Duration.ofSeconds(20));
        running.add(bot);
        subscribe(1, "08:00", "Europe/Berlin");
        assertTrue(store.claim(1, MAR27, "crashed", BERLIN_8AM, Duration.ofSeconds(20), 3));

        // when it ticks 19 seconds later, then it leaves the digest alone
        clock.set(BERLIN_8AM.plusSeconds(19));
        assertEquals(1, bot.tick().skipped());
        assertTrue(sender.sent().isEmpty());

        // when it ticks once the 20 seconds are over, then it sends, once
        clock.set(BERLIN_8AM.plusSeconds(20));
        bot.tick();
        assertEquals(List.of(BERLIN_8AM.plusSeconds(20)), sendTimes(1));
    }

    @Test
    void aLeaseUnderOneSecondIsRefused() {
        store = JdbcStore.open(Database.sqlite(data));
        running.add(store);
        SummaryService summaries = new SummaryService(source, summarizer, store, clock);
        Pacer pacer = new Pacer(Pacer.TELEGRAM_PER_SECOND, clock, clock::advance);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DigestScheduler(store, store,
                summaries, sender, pacer, clock, 1, Duration.ofMillis(500)));
        assertEquals("illegal lease value: PT0.5S, must be at least 1 second", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theDocumentedCrashWindowRepeatsADigestSentButNotMarked(Engine engine) {
        db = databases.create(engine);
        // given a process that claimed, sent, and died before marking the digest sent
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        assertTrue(store.claim(1, MAR27, "crashed", BERLIN_8AM, DigestScheduler.LEASE, 3));
        sender.send(1, "the digest, delivered just before the crash");

        // when the lease runs out
        clock.set(BERLIN_8AM.plus(DigestScheduler.LEASE));
        bot.tick();

        // then the chat gets it a second time: the one window this design leaves open
        assertEquals(2, sender.sentTo(1).size());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void twoBotsRacingForTheSameChatsSendEachDigestOnce(Engine engine) throws Exception {
        db = databases.create(engine);
        // given two processes on one database, each with four sending threads, and 200 chats due
        DigestScheduler first = startBot(4);
        DigestScheduler second = startBot(4);
        for (long chat = 1; chat <= 200; chat++) {
            subscribe(chat, "08:00", "Europe/Berlin");
        }
        clock.set(BERLIN_8AM);

        // when both tick at once, twice each
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<TickReport>> ticks = new ArrayList<>();
        for (DigestScheduler bot : List.of(first, second, first, second)) {
            ticks.add(pool.submit(bot::tick));
        }
        int sent = 0;
        for (Future<TickReport> t : ticks) {
            sent += t.get().sent();
        }
        pool.shutdown();

        // then every chat got its digest exactly once, whichever process claimed it, and every row says SENT
        assertEquals(200, sent);
        assertEquals(200, sender.sent().size());
        assertEquals(200, sender.sent().stream().map(RecordingSender.Sent::chatId).distinct().count());
        for (long chat = 1; chat <= 200; chat++) {
            assertEquals(DigestState.SENT, store.digest(chat, MAR27).orElseThrow().state(), "chat " + chat);
        }
    }

    @Test
    void a429WaitsForRetryAfterAndSendsOnce() {
        // given Telegram answers 429 twice for this chat
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        sender.answer(1, SendResult.retryAfter(3), SendResult.retryAfter(3));
        clock.set(BERLIN_8AM);

        // when
        TickReport report = bot.tick();

        // then
        assertEquals(2, report.retries());
        assertEquals(1, report.sent());
        assertEquals(List.of(BERLIN_8AM.plusSeconds(6)), sendTimes(1));
    }

    @Test
    void aChatThatBlockedTheBotIsUnsubscribed() {
        // given
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        subscribe(2, "08:00", "Europe/Berlin");
        sender.answer(1, SendResult.blocked());
        clock.set(BERLIN_8AM);

        // when
        TickReport report = bot.tick();

        // then
        assertEquals(1, report.blocked());
        assertTrue(store.subscription(1).isEmpty());
        assertEquals(DigestState.ABANDONED, store.digest(1, MAR27).orElseThrow().state());
        clock.set(BERLIN_8AM.plus(Duration.ofDays(1)));
        bot.tick();
        assertTrue(sender.sentTo(1).isEmpty());
        assertEquals(2, sender.sentTo(2).size());
    }

    @Test
    void aGroupMigratedToASupergroupGetsItsDigestUnderTheNewId() {
        // given
        DigestScheduler bot = startBot();
        subscribe(-5, "08:00", "Europe/Berlin");
        sender.answer(-5, SendResult.migrated(-1005));
        clock.set(BERLIN_8AM);

        // when
        TickReport report = bot.tick();

        // then
        assertEquals(1, report.migrated());
        assertEquals(1, sender.sentTo(-1005).size());
        assertTrue(store.subscription(-5).isEmpty());
        assertEquals(MAR27, store.subscription(-1005).orElseThrow().lastDigestDate());
        clock.set(BERLIN_8AM.plus(Duration.ofDays(1)));
        bot.tick();
        assertEquals(2, sender.sentTo(-1005).size());
        assertTrue(sender.sentTo(-5).isEmpty());
    }

    @Test
    void aFailedSendIsRetriedByALaterTick() {
        // given
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        sender.answer(1, SendResult.failed("connection reset"));
        clock.set(BERLIN_8AM);

        // when
        TickReport first = bot.tick();
        clock.advance(Duration.ofSeconds(30));
        TickReport second = bot.tick();

        // then
        assertEquals(1, first.failed());
        assertEquals(1, second.sent());
        assertEquals(2, store.digest(1, MAR27).orElseThrow().attempts());
        assertEquals(1, sender.sentTo(1).size());
    }

    @Test
    void manyChatsArePacedWithinTelegramsRateAndShareOneSummary() {
        // given 300 chats due at the same minute
        DigestScheduler bot = startBot();
        for (long chat = 1; chat <= 300; chat++) {
            subscribe(chat, "08:00", "Europe/Berlin");
        }
        clock.set(BERLIN_8AM);

        // when
        TickReport report = bot.tick();

        // then no second holds more than 30 sends, so 300 take about ten seconds
        List<Instant> times = sender.sent().stream().map(RecordingSender.Sent::at).sorted().toList();
        assertEquals(300, times.size());
        for (int i = Pacer.TELEGRAM_PER_SECOND; i < times.size(); i++) {
            assertFalse(times.get(i).isBefore(times.get(i - Pacer.TELEGRAM_PER_SECOND).plusSeconds(1)),
                    "31 sends within a second ending at " + times.get(i));
        }
        assertTrue(Duration.between(BERLIN_8AM, times.get(299)).compareTo(Duration.ofSeconds(9)) >= 0);
        assertEquals(1, summarizer.calls.get());
        assertEquals(300, report.sent());
    }

    /**
     * Sends through {@code next}, but a send to {@code chat} first waits until {@link #release} opens, as a slow
     * Telegram would; interrupted meanwhile it fails as OkHttp does, though the message may have been delivered.
     */
    static final class GatedSender implements DigestSender {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final DigestSender next;
        private final long chat;

        GatedSender(DigestSender next, long chat) {
            this.next = next;
            this.chat = chat;
        }

        @Override
        public SendResult send(long chatId, String html) {
            if (chatId == chat) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    return SendResult.failed("sendMessage to chat " + chatId + " failed: interrupted");
                }
            }
            return next.send(chatId, html);
        }
    }

    @Test
    void closingLetsASendInFlightFinishAndBeMarkedButStartsNoNewOne() throws Exception {
        // given one sending thread, busy with chat 1 (Telegram is slow), and chat 2 due behind it
        GatedSender gated = new GatedSender(sender, 1);
        DigestScheduler bot = startBot(1, gated);
        subscribe(1, "08:00", "Europe/Berlin");
        subscribe(2, "08:00", "Europe/Berlin");
        clock.set(BERLIN_8AM);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<TickReport> tick = threads.submit(bot::tick);
        assertTrue(gated.entered.await(10, TimeUnit.SECONDS));

        // when the bot is stopped, and Telegram answers while it waits for the send
        Future<?> closed = threads.submit((Runnable) bot::close);
        while (!bot.closing()) {
            Thread.onSpinWait();
        }
        gated.release.countDown();
        closed.get(10, TimeUnit.SECONDS);
        TickReport report = tick.get(10, TimeUnit.SECONDS);
        threads.shutdown();

        // then chat 1's digest went out once and is marked sent; chat 2's was not started, so the next run sends it
        assertEquals(1, report.sent());
        assertEquals(DigestState.SENT, store.digest(1, MAR27).orElseThrow().state());
        assertEquals(List.of(BERLIN_8AM), sendTimes(1));
        assertTrue(store.digest(2, MAR27).isEmpty());
        stopBots();
        DigestScheduler after = startBot();
        after.tick();
        assertEquals(1, sendTimes(1).size());
        assertEquals(1, sendTimes(2).size());
    }

    @Test
    void aSendCutOffByTheShutdownStaysClaimedSoTheLeaseDecides() throws Exception {
        // given a send to chat 1 that Telegram does not answer
        GatedSender gated = new GatedSender(sender, 1);
        DigestScheduler bot = startBot(1, gated);
        subscribe(1, "08:00", "Europe/Berlin");
        clock.set(BERLIN_8AM);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        Future<TickReport> tick = threads.submit(bot::tick);
        assertTrue(gated.entered.await(10, TimeUnit.SECONDS));

        // when the bot stops and the send outlasts the grace period, so it is interrupted
        bot.close(Duration.ZERO);
        tick.get(10, TimeUnit.SECONDS);
        threads.shutdown();

        // then the digest is not marked FAILED (Telegram may have it): it stays claimed
        assertEquals(DigestState.CLAIMED, store.digest(1, MAR27).orElseThrow().state());

        // when the next process runs during the lease, and after it
        stopBots();
        DigestScheduler after = startBot();
        clock.advance(Duration.ofMinutes(1));
        after.tick();
        assertTrue(sender.sentTo(1).isEmpty());
        clock.set(BERLIN_8AM.plus(DigestScheduler.LEASE));
        after.tick();

        // then it is sent once, after the lease, as after a crash
        assertEquals(List.of(BERLIN_8AM.plus(DigestScheduler.LEASE)), sendTimes(1));
    }

    @Test
    void aDigestStillWaitingForThePacerWhenTheBotStopsIsReleasedForTheNextRun() throws Exception {
        // given a digest claimed and waiting out a 429 pause when the bot stops
        CountDownLatch waiting = new CountDownLatch(1);
        Pacer pacer = new Pacer(Pacer.TELEGRAM_PER_SECOND, clock, d -> {
            waiting.countDown();
            new CountDownLatch(1).await();
        });
        DigestScheduler bot = startBot(1, sender, pacer);
        subscribe(1, "08:00", "Europe/Berlin");
        clock.set(BERLIN_8AM);
        pacer.pause(Duration.ofMinutes(1));
        ExecutorService threads = Executors.newSingleThreadExecutor();
        Future<TickReport> tick = threads.submit(bot::tick);
        assertTrue(waiting.await(10, TimeUnit.SECONDS));

        // when
        bot.close(Duration.ZERO);
        tick.get(10, TimeUnit.SECONDS);
        threads.shutdown();

        // then nothing went out, the claim was given back uncounted, and the next process sends at once
        assertTrue(sender.sentTo(1).isEmpty());
        assertTrue(store.digest(1, MAR27).isEmpty());
        stopBots();
        DigestScheduler after = startBot();
        clock.advance(Duration.ofMinutes(1));
        after.tick();
        assertEquals(List.of(BERLIN_8AM.plus(Duration.ofMinutes(1))), sendTimes(1));
        assertEquals(1, store.digest(1, MAR27).orElseThrow().attempts());
    }

    @Test
    void aTwoHourOutageDelaysTheDigestWithBackoffButDoesNotLoseIt() {
        // given Telegram answers 502 from 08:00 to 10:00
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        Instant back = BERLIN_8AM.plus(Duration.ofHours(2));
        sender.outageUntil(back);
        clock.set(BERLIN_8AM);

        // when the bot ticks every 30 s through the morning
        tickUntil(bot, BERLIN_8AM.plus(Duration.ofHours(4)), Duration.ofSeconds(30));

        // then the digest went out once, soon after the outage, after attempts at 0, 0.5, 1.5, 3.5, 7.5, 15.5,
        // 31.5, 61.5 and 91.5 minutes (backing off, not one a tick) and one at 121.5 that succeeded
        assertEquals(List.of(back.plusSeconds(90)), sendTimes(1));
        DigestRecord row = store.digest(1, MAR27).orElseThrow();
        assertEquals(DigestState.SENT, row.state());
        assertEquals(10, row.attempts());
    }

    @Test
    void aDigestFailingAllDayIsGivenUpAfterTheLastAttemptAndNeverSentTwice() {
        // given Telegram answers 502 for the whole of the chat's day
        DigestScheduler bot = startBot();
        subscribe(1, "08:00", "Europe/Berlin");
        sender.outageUntil(Instant.parse("2026-03-27T23:00:00Z"));
        clock.set(BERLIN_8AM);

        // when the bot ticks through the day and into the next
        tickUntil(bot, Instant.parse("2026-03-28T08:00:00Z"), Duration.ofMinutes(1));

        // then the day's digest was tried MAX_ATTEMPTS times and given up; the next day's went out as usual
        DigestRecord row = store.digest(1, MAR27).orElseThrow();
        assertEquals(DigestState.ABANDONED, row.state());
        assertEquals(DigestScheduler.MAX_ATTEMPTS, row.attempts());
        assertEquals(List.of(Instant.parse("2026-03-28T07:00:00Z")), sendTimes(1));
    }

    /** Each row: attempts failed so far, the wait before the next. */
    @ParameterizedTest(name = "after {0} failed attempts, wait {1}")
    @CsvSource({"1, PT30S", "2, PT1M", "3, PT2M", "4, PT4M", "6, PT16M", "7, PT30M", "11, PT30M", "60, PT30M"})
    void failedAttemptsBackOffExponentiallyUpToHalfAnHour(int attempts, Duration wait) {
        assertEquals(wait, DigestScheduler.backoff(attempts));
    }

    @Test
    void aGroupMigratingToASupergroupThatAlreadyHadTodaysDigestDoesNotGetItTwice() {
        // given the supergroup -1005 got today's digest at 07:00, and the old group -5 is still subscribed for 08:00
        DigestScheduler bot = startBot();
        subscribe(-1005, "07:00", "Europe/Berlin");
        subscribe(-5, "08:00", "Europe/Berlin");
        clock.set(BERLIN_8AM.minus(Duration.ofHours(1)));
        bot.tick();
        assertEquals(1, sender.sentTo(-1005).size());
        sender.answer(-5, SendResult.migrated(-1005));

        // when the old group's digest finds the group migrated, and the bot ticks on through the day
        clock.set(BERLIN_8AM);
        tickUntil(bot, Instant.parse("2026-03-27T22:00:00Z"), Duration.ofMinutes(10));

        // then the supergroup still has exactly one digest today
        assertEquals(1, sender.sentTo(-1005).size());
        assertEquals(DigestState.SENT, store.digest(-1005, MAR27).orElseThrow().state());
        assertTrue(store.subscription(-5).isEmpty());
    }
}
