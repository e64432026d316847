package dev.briefing.bot.telegram;

import dev.briefing.bot.digest.DigestScheduler;
import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.DigestRecord;
import dev.briefing.bot.store.DigestState;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.telegram.TelegramEmulator.SentMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real {@code run} processes (the shaded jar, webhook mode) on one PostgreSQL database send the digests of 200
 * chats due at the same minute; one is killed with SIGKILL while digests are going out, and the other finishes. Every
 * chat gets its digest; a chat gets it twice only inside the crash window docs/DIGEST.md states: its digest had been
 * handed to Telegram and was not yet marked sent when the process died. The per-chat counts are printed.
 *
 * <p>The claims hold 20 s ({@code run --digest-lease 20}, 15 minutes by default) so the survivor takes over the dead
 * instance's claims within the test, and both look for due digests every second ({@code --digest-tick 1}) so both are
 * sending when the kill comes. Runs only with {@code BRIEFING_TEST_DATABASE_URL} (CI sets it); skipped with a hint
 * otherwise. No timing is asserted: the waits are generous deadlines for a condition.
 */
@Timeout(480)
class DigestKillIT {

    static final String BOT = "BriefingDigestKillBot";
    static final String TOKEN = "626262:DIGEST-kill_token";
    static final int CHATS = 200;
    static final long FIRST_CHAT = 90_000;
    static final int LEASE_SECONDS = 20;
    /** Digests the instance to be killed has sent (its /metrics) before the kill: it is mid-run, not starting. */
    static final int SENT_BEFORE_KILL = 15;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path work;

    /** What the killed instance had sent when {@link #awaitSending} chose it. */
    private double sentBeforeKill;

    @Test
    void killingOneInstanceMidRunLosesNoDigestAndRepeatsOnlyThoseInTheCrashWindow() throws Exception {
        Assumptions.assumeTrue(TelegramEmulator.installed(), TelegramEmulator.INSTALL_HINT);
        // A schema of its own on the test server (skipped with a hint without one).
        Database.Postgres database = (Database.Postgres) databases.create(TestDatabases.Engine.POSTGRESQL);
        assertTrue(RunProcess.built(), "the shaded jar is built before the integration tests");
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT, 0);
             WebhookCluster cluster = WebhookCluster.start(emulator.url(), TOKEN, 2, work, Optional.of(database.url()),
                     List.of("--digest-lease", String.valueOf(LEASE_SECONDS), "--digest-tick", "1"));
             JdbcStore store = JdbcStore.open(database)) {
            // given 200 chats whose digest fell due a minute ago, ordered an hour before, in a zone where it is about
            // noon (so "today" does not turn over during the test)
            Instant now = Instant.now();
            ZoneOffset zone = ZoneOffset.ofHours(Math.max(-12, Math.min(14, 12 - now.atOffset(ZoneOffset.UTC).getHour())));
            LocalTime sendAt = now.atOffset(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
            LocalDate day = now.atOffset(zone).toLocalDate();
            for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                store.subscribe(Subscription.of(chat, sendAt, zone, now.minus(Duration.ofHours(1))));
            }

            // when both instances send, and one is killed once it has sent a few
            int victim = awaitSending(cluster, Duration.ofSeconds(120));
            cluster.instances.get(victim).process().kill();
            // A request the victim had written before it died may still be read by the emulator: let it land.
            Thread.sleep(1_000);
            Set<Long> deliveredAtKill = chats(emulator.allBotMessages(TOKEN));
            Set<Long> unmarkedAtKill = new TreeSet<>();
            for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                Optional<DigestRecord> row = store.digest(chat, day);
                if (row.isEmpty() || row.get().state() != DigestState.SENT) {
                    unmarkedAtKill.add(chat);
                }
            }
            // The crash window: handed to Telegram, not yet marked sent (the survivor's own sends in flight, up to
            // its 8 threads, can be caught here too, which only widens the set a repeat is allowed in).
            Set<Long> window = new TreeSet<>(deliveredAtKill);
            window.retainAll(unmarkedAtKill);
            assertTrue(deliveredAtKill.size() < CHATS, "the kill came after the run: nothing to take over");

            // then the survivor finishes: every digest row is marked sent, its own and, after the lease, the victim's
            int survivor = 1 - victim;
            awaitAllSent(store, day, Duration.ofSeconds(240));
            // Anything sent after the last mark would be a repeat: give it time to show.
            Thread.sleep(3_000);
            Map<Long, Integer> perChat = new HashMap<>();
            for (SentMessage m : emulator.allBotMessages(TOKEN)) {
                perChat.merge(m.chatId(), 1, Integer::sum);
            }
            int once = 0;
            int missing = 0;
            Set<Long> twice = new TreeSet<>();
            Set<Long> more = new TreeSet<>();
            for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                int n = perChat.getOrDefault(chat, 0);
                if (n == 0) {
                    missing++;
                } else if (n == 1) {
                    once++;
                } else if (n == 2) {
                    twice.add(chat);
                } else {
                    more.add(chat);
                }
            }
            System.out.printf("digest kill -9: %d chats; instance %d killed after it had sent %d (%d delivered in all);"
                            + " crash window at the kill: %d chats %s; survivor sent %.0f; delivered once %d, twice %d %s,"
                            + " more %d, missing %d%n", CHATS, victim, (int) sentBeforeKill, deliveredAtKill.size(),
                    window.size(), window, cluster.metric(survivor, "briefing_digests_total{outcome=\"sent\"}"), once,
                    twice.size(), twice, more.size(), missing);
            assertEquals(0, missing, "every chat gets its digest");
            assertEquals(Set.of(), more, "no chat gets it three times");
            Set<Long> outside = new TreeSet<>(twice);
            outside.removeAll(window);
            assertEquals(Set.of(), outside, "chats that got it twice though it was not in flight at the kill");
            assertTrue(twice.size() <= DigestScheduler.DEFAULT_WORKERS, "more repeats than sending threads: " + twice);
            assertEquals(CHATS, perChat.keySet().stream().filter(c -> c >= FIRST_CHAT).count(), "no other chat");
            // The JVM reports a SIGTERM as 143 (128 + 15) once its shutdown hook has run.
            assertEquals(143, cluster.instances.get(survivor).process().terminate(60), "the survivor stops cleanly");
        }
    }

    /** Waits until an instance has sent {@link #SENT_BEFORE_KILL} digests; returns which. */
    private int awaitSending(WebhookCluster cluster, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 2; i++) {
                double sent = cluster.metric(i, "briefing_digests_total{outcome=\"sent\"}");
                if (sent >= SENT_BEFORE_KILL) {
                    sentBeforeKill = sent;
                    return i;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no instance sent " + SENT_BEFORE_KILL + " digests within " + timeout.toSeconds()
                + " s; logs:\n" + cluster.logs());
    }

    private static void awaitAllSent(JdbcStore store, LocalDate day, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> unsent = List.of();
        while (System.nanoTime() < deadline) {
            unsent = new ArrayList<>();
            for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                if (store.digest(chat, day).map(r -> r.state() != DigestState.SENT).orElse(true)) {
                    unsent.add(chat);
                }
            }
            if (unsent.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(unsent.size() + " digests not marked sent within " + timeout.toSeconds() + " s: "
                + unsent);
    }

    private static Set<Long> chats(List<SentMessage> sent) {
        return sent.stream().map(SentMessage::chatId).collect(Collectors.toCollection(TreeSet::new));
    }
}
