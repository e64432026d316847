package dev.briefing.bot.telegram;

import dev.briefing.bot.testing.FakeClock;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.QueuedMessage;
import dev.briefing.bot.store.ReceivedUpdate;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.store.TestDatabases.Engine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances' {@link ChatTurns} on one real store (SQLite, and PostgreSQL when the test server is set), each
 * handling updates through a recording handler whose replies "leave the outbox" when the test says so. Work runs on
 * the calling thread and time moves by hand, so each step is decided, never raced or slept through.
 */
class ChatTurnsTest {

    static final Instant T0 = Instant.parse("2026-03-28T06:00:00Z");
    static final Duration LEASE = ChatTurns.LEASE;
    static final long CHAT = 4242;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    static Stream<Engine> engines() {
        return TestDatabases.engines();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aChatsNextUpdateReachingAnotherInstanceWaitsForTheHolderAndIsAnsweredAfterTheFirst(Engine engine) {
        try (JdbcStore store = JdbcStore.open(databases.create(engine))) {
            Instance a = new Instance("a", store);
            Instance b = new Instance("b", store);
            // given update 11 of a chat reached instance a, which is answering it
            a.receive(11);
            assertEquals(List.of(11L), a.handled);
            assertTrue(a.turns.holds(CHAT));
            // when the chat's update 22 reaches instance b meanwhile
            b.receive(22);
            // then b stores it and leaves it to a
            assertEquals(List.of(), b.handled);
            assertFalse(b.turns.holds(CHAT));
            assertEquals(List.of(11L, 22L), ids(store.unfinished(CHAT)));
            // and once 11's reply has left, a answers 22, and not before
            assertEquals(List.of(11L), a.handled);
            a.replied(11);
            assertEquals(List.of(11L, 22L), a.handled);
            // and once 22's has left too, a gives the chat back, and nothing waits
            a.replied(22);
            assertFalse(a.turns.holds(CHAT));
            assertEquals(List.of(), store.chatsWaiting("b", clock.instant()));
            // and the chat's next update is answered by whichever instance it reaches
            b.receive(33);
            assertEquals(List.of(33L), b.handled);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theHoldersOwnNextUpdateIsHandedOnAtOnceBehindTheFirst(Engine engine) {
        try (JdbcStore store = JdbcStore.open(databases.create(engine))) {
            Instance a = new Instance("a", store);
            // given a is answering update 11
            a.receive(11);
            // when the chat's update 12 reaches a too
            a.receive(12);
            // then a hands it on at once, behind 11 (its chat workers answer them in turn), and holds the chat
            assertEquals(List.of(11L, 12L), a.handled);
            a.replied(11);
            a.replied(12);
            assertFalse(a.turns.holds(CHAT));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aKilledHoldersChatIsTakenOverOnceItsLeaseExpiresLeftRepliesFirstThenUpdatesInOrder(Engine engine) {
        try (JdbcStore store = JdbcStore.open(databases.create(engine))) {
            Instance a = new Instance("a", store);
            Instance b = new Instance("b", store);
            // given a took update 11, queued its reply (marking it done), and was killed before the reply left
            a.receive(11);
            store.queue(List.of(new QueuedMessage.Draft(CHAT, "answer to 11", 11, T0.plus(Duration.ofHours(1)), false)),
                    OptionalLong.of(11), clock.instant());
            // and the chat's update 12 reached a too, and 13 reached b, both stored and never handled
            store.receive(List.of(new ReceivedUpdate(12, CHAT, "{}")), clock.instant());
            b.receive(13);
            assertEquals(List.of(), b.handled);
            // when b sweeps before a's lease expires, it takes nothing: a might be alive
            clock.set(T0.plus(LEASE).minusSeconds(1));
            assertEquals(0, b.turns.sweep());
            assertEquals(List.of(), b.handled);
            assertEquals(List.of(), b.resent);
            // when b sweeps once the lease has expired
            clock.set(T0.plus(LEASE));
            assertEquals(1, b.turns.sweep());
            // then it sends a's queued reply first, then hands on 12 and 13 in order (its chat workers and outbox
            // keep that order), and holds the chat until both replies have left
            assertEquals(List.of(CHAT), b.resent);
            assertEquals(List.of(12L, 13L), b.handled);
            b.replied(12);
            assertTrue(b.turns.holds(CHAT));
            b.replied(13);
            assertFalse(b.turns.holds(CHAT));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aLiveHoldersRenewedLeaseKeepsItsChatsFromAnotherInstancesSweepAndAStopGivesThemBack(Engine engine) {
        try (JdbcStore store = JdbcStore.open(databases.create(engine))) {
            Instance a = new Instance("a", store);
            Instance b = new Instance("b", store);
            // given a is answering update 11, slowly, renewing its lease at each sweep
            a.receive(11);
            b.receive(12);
            for (int s = 1; s <= 20; s++) {
                clock.set(T0.plus(ChatTurns.SWEEP_EVERY.multipliedBy(s)));
                a.turns.sweep();
                // then b's sweeps never take the chat (the lease runs 30 s; 100 s pass)
                b.turns.sweep();
                assertEquals(List.of(), b.handled, "sweep " + s);
            }
            // when a stops, its reply to 11 still unsent and so still queued, giving its chats back
            store.queue(List.of(new QueuedMessage.Draft(CHAT, "answer to 11", 11, clock.instant().plus(Duration.ofHours(1)),
                    false)), OptionalLong.of(11), clock.instant());
            a.turns.pause();
            a.turns.stop();
            // then b's next sweep takes the chat at once: the queued reply first, then 12
            b.turns.sweep();
            assertEquals(List.of(CHAT), b.resent);
            assertEquals(List.of(12L), b.handled);
        }
    }

    private final FakeClock clock = new FakeClock(T0);

    private static List<Long> ids(List<ReceivedUpdate> updates) {
        return updates.stream().map(ReceivedUpdate::updateId).toList();
    }

    /** One instance: its turns, what it handed on, and the replies it has not let leave yet. */
    private final class Instance {
        final JdbcStore store;
        final ChatTurns turns;
        final List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        final List<Long> resent = new ArrayList<>();
        final Map<Long, CompletableFuture<Void>> unsent = new HashMap<>();

        Instance(String holder, JdbcStore store) {
            this.store = store;
            this.turns = new ChatTurns(store, store, holder, this::handle, this::resend, Runnable::run, clock, LEASE);
        }

        /** As the inbox does: store the update, then offer its chat. */
        void receive(long updateId) {
            store.receive(List.of(new ReceivedUpdate(updateId, CHAT, "{}")), clock.instant());
            turns.offer(CHAT);
        }

        /** The update's replies were queued (it is done) and have now left the outbox. */
        void replied(long updateId) {
            store.done(updateId, clock.instant());
            unsent.remove(updateId).complete(null);
        }

        private CompletableFuture<?> handle(ReceivedUpdate u) {
            handled.add(u.updateId());
            CompletableFuture<Void> leaves = new CompletableFuture<>();
            unsent.put(u.updateId(), leaves);
            return leaves;
        }

        private List<CompletableFuture<?>> resend(long chatId) {
            if (!store.queued(chatId).isEmpty()) {
                resent.add(chatId);
                store.queued(chatId).forEach(m -> store.remove(m.id()));
            }
            return List.of();
        }
    }
}
