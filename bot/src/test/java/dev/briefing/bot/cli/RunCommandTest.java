package dev.briefing.bot.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {

    final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void aDigestSchedulerThatFailsToStartClosesTheBotStartedBeforeIt() {
        // given a bot already running, and a scheduler whose start fails (no threads left, say)
        AutoCloseable bot = () -> closed.add("bot");
        AutoCloseable store = () -> closed.add("store");

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunCommand.startOrClose(() -> {
            throw new IllegalStateException("cannot start the digest scheduler");
        }, store, bot));

        // then what had started is closed, last first, and the failure passed on unchanged
        assertEquals("cannot start the digest scheduler", e.getMessage());
        assertEquals(List.of("bot", "store"), closed);
    }

    @Test
    void aFailureToCloseIsKeptAsSuppressed() {
        // given
        IllegalStateException closing = new IllegalStateException("close failed");
        AutoCloseable bot = () -> {
            throw closing;
        };

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunCommand.startOrClose(() -> {
            throw new IllegalArgumentException("bad workers");
        }, bot));

        // then
        assertSame(closing, e.getSuppressed()[0]);
    }

    @Test
    void aSuccessfulStartClosesNothing() {
        // when
        String started = RunCommand.startOrClose(() -> "digests", () -> closed.add("bot"));

        // then
        assertEquals("digests", started);
        assertTrue(closed.isEmpty());
    }
}
