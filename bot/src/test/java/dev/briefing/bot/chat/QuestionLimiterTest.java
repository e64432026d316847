package dev.briefing.bot.chat;

import dev.briefing.bot.testing.FakeClock;
import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.store.TestDatabases.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limiter on the real store, on both engines. */
class QuestionLimiterTest {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    final List<JdbcStore> stores = new ArrayList<>();

    static List<Engine> engines() {
        return TestDatabases.engines().toList();
    }

    @AfterEach
    void close() {
        stores.forEach(JdbcStore::close);
    }

    JdbcStore store(Database db) {
        JdbcStore store = JdbcStore.open(db);
        stores.add(store);
        return store;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void limitsEachUserWithinTheWindowAndForgetsAfterIt(Engine engine) {
        // given a limit of 2 questions a minute
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        QuestionLimiter limiter = new QuestionLimiter(2, Duration.ofMinutes(1), clock, store(databases.create(engine)));
        // when one user asks three times at once, and another once
        boolean first = limiter.tryAcquire(1);
        boolean second = limiter.tryAcquire(1);
        boolean third = limiter.tryAcquire(1);
        boolean other = limiter.tryAcquire(2);
        // then the third is refused, the other user is not affected
        assertTrue(first && second && other);
        assertFalse(third);
        // and a minute later the user may ask again
        clock.advance(Duration.ofMinutes(1));
        assertTrue(limiter.tryAcquire(1));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void forgetsUsersIdleForAWindow(Engine engine) {
        // given 200 users who each asked once
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        JdbcStore store = store(databases.create(engine));
        QuestionLimiter limiter = new QuestionLimiter(2, Duration.ofMinutes(1), clock, store);
        for (long user = 1; user <= 200; user++) {
            assertTrue(limiter.tryAcquire(user));
        }
        assertEquals(200, limiter.tracked());
        // when a window passes and one of them asks again
        clock.advance(Duration.ofMinutes(1));
        assertTrue(limiter.tryAcquire(7));
        // then only that one is remembered, and the sweep deletes the others' rows
        assertEquals(1, limiter.tracked());
        assertEquals(199, store.forgetExpired(clock.instant()));
        assertEquals(1, limiter.tracked());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void neverLetsAUserPastTheLimitWhenQuestionsRaceOnTwoInstances(Engine engine) throws Exception {
        // given a limit of 3 a minute on two instances sharing a database, and 50 users each asking 6 times at once
        // from 8 threads, alternately of either instance
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        Database db = databases.create(engine);
        List<QuestionLimiter> instances = List.of(new QuestionLimiter(3, Duration.ofMinutes(1), clock, store(db)),
                new QuestionLimiter(3, Duration.ofMinutes(1), clock, store(db)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicIntegerArray granted = new AtomicIntegerArray(50);
        try {
            List<Future<?>> asks = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int user = 0; user < 50; user++) {
                    int u = user;
                    QuestionLimiter limiter = instances.get((round + user) % 2);
                    asks.add(pool.submit(() -> {
                        if (limiter.tryAcquire(u)) {
                            granted.incrementAndGet(u);
                        }
                    }));
                }
            }
            for (Future<?> f : asks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // then no user got more than the limit
        for (int user = 0; user < 50; user++) {
            assertEquals(3, granted.get(user), "user " + user);
        }
    }
}
