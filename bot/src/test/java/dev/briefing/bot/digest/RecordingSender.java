package dev.briefing.bot.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A digest sender that records what it delivered and answers as scripted per chat (default: OK). */
final class RecordingSender implements DigestSender {

    record Sent(long chatId, String html, Instant at) {
    }

    private final Clock clock;
    private final List<Sent> sent = new ArrayList<>();
    private final Map<Long, Deque<SendResult>> script = new ConcurrentHashMap<>();
    private volatile Instant outageUntil = Instant.MIN;

    RecordingSender(Clock clock) {
        this.clock = clock;
    }

    /** The next answers for a chat, in order; after them, OK. */
    void answer(long chatId, SendResult... results) {
        script.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addAll(List.of(results));
    }

    /** Telegram answers 502 to every send before {@code end}. */
    void outageUntil(Instant end) {
        outageUntil = end;
    }

    @Override
    public SendResult send(long chatId, String html) {
        if (clock.instant().isBefore(outageUntil)) {
            return SendResult.failed("502 Bad Gateway");
        }
        Deque<SendResult> q = script.get(chatId);
        SendResult r;
        synchronized (this) {
            r = q == null || q.isEmpty() ? SendResult.ok() : q.poll();
            if (r instanceof SendResult.Ok) {
                sent.add(new Sent(chatId, html, clock.instant()));
            }
        }
        return r;
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized List<Sent> sentTo(long chatId) {
        return sent.stream().filter(s -> s.chatId() == chatId).toList();
    }
}
