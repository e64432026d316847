package dev.briefing.bot.outbox;

import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.OutgoingMessage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A messenger that records what it delivers and fails as scripted, for tests of what sits above it. */
public final class RecordingMessenger implements Messenger {

    /** Messages delivered, in order. */
    public final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    /** Chats that were shown "typing". */
    public final List<Long> typing = new CopyOnWriteArrayList<>();
    /** Button presses acknowledged. */
    public final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** Calls to send, failed ones included. */
    public final AtomicInteger attempts = new AtomicInteger();
    private final Deque<DeliveryException> failures = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger(100);

    /** The next call to send fails with {@code e}. */
    public synchronized RecordingMessenger failNext(DeliveryException e) {
        failures.addLast(e);
        return this;
    }

    @Override
    public int send(OutgoingMessage message) throws DeliveryException {
        attempts.incrementAndGet();
        DeliveryException failure;
        synchronized (this) {
            failure = failures.pollFirst();
        }
        if (failure != null) {
            throw failure;
        }
        sent.add(message);
        return ids.incrementAndGet();
    }

    @Override
    public void typing(long chatId) {
        typing.add(chatId);
    }

    @Override
    public void acknowledge(ButtonPress press) {
        acknowledged.add(press.id());
    }
}
