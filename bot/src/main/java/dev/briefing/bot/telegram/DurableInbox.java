package dev.briefing.bot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.chat.BriefingChat;
import dev.briefing.bot.message.Incoming;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.metrics.Metrics;
import dev.briefing.bot.outbox.DurableOutbox;
import dev.briefing.bot.store.ChatLeases;
import dev.briefing.bot.store.ReceivedUpdate;
import dev.briefing.bot.store.UpdateLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives updates through the store ({@link UpdateLog}), from long polling or the webhook. A long-polling batch is
 * written before the consumer returns, and TelegramBots confirms a batch to Telegram only with the next getUpdates,
 * which it sends after the consumer returned; a webhook update is written before its request is answered 200
 * ({@link #receive(Update)}). So no update is confirmed before it is stored. An update stored before (delivered again
 * after a restart, or to another instance sharing the store) is not handled again.
 *
 * <p>A stored update is handled by whichever instance holds its chat ({@link ChatTurns}): this one when it can take
 * the chat's lease, else the holder, which finds it in the store. Each update is marked done when its replies are
 * queued ({@link BriefingChat#receive(Incoming, long)}), or at once when it needs none. At start ({@link #resume()})
 * and every few seconds after, the chats whose updates or replies wait with no live holder are taken on.
 */
final class DurableInbox {

    /** How long done updates are kept to recognise redeliveries: Telegram keeps an unconfirmed update for a day. */
    static final Duration KEEP_DONE = Duration.ofDays(7);
    /** The wait between tries to store a batch when the store fails (disk full, locked): nothing is confirmed meanwhile. */
    static final Duration STORE_RETRY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DurableInbox.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final UpdateLog store;
    private final ChatTurns turns;
    private final BriefingChat chat;
    private final UpdateTranslator translator;
    private final MigrationListener migrations;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Held while a webhook update is stored and handed on. */
    private final Object receiving = new Object();
    /** The highest update id stored by this run: what shutdown confirms. */
    private final AtomicLong lastStored = new AtomicLong(-1);

    /**
     * @param leases which instance handles each chat
     * @param outbox where replies wait to be sent; the replies a chat's earlier holder left are sent from it first
     * @param holder this instance's token, unique per process
     * @param turns runs each chat's turn (hands updates on, never waits for an answer)
     * @param lease how long a chat's lease lasts without renewal ({@link ChatTurns#LEASE} in service)
     */
    DurableInbox(UpdateLog store, ChatLeases leases, DurableOutbox outbox, BriefingChat chat, UpdateTranslator translator,
                 MigrationListener migrations, Clock clock, String holder, Executor turns, Duration lease) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(outbox, "outbox");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.turns = new ChatTurns(store, leases, holder, this::handle,
                chatId -> List.copyOf(outbox.resume(chatId)), turns, clock, lease);
    }

    /**
     * Takes on the chats whose updates or replies an earlier run (or a dead instance) left, and whose lease is free or
     * expired: not those another live instance holds. Returns how many chats it took on or looked at again.
     */
    int resume() {
        store.forgetDone(clock.instant().minus(KEEP_DONE));
        int chats = turns.sweep();
        if (chats > 0) {
            log.info("took on {} chat(s) with updates or replies waiting", chats);
        }
        return chats;
    }

    /**
     * Renews this instance's chat leases and takes on the chats left waiting: by a race at release, or by an instance
     * killed while it held them, once their lease expired. Run every {@link ChatTurns#SWEEP_EVERY}.
     */
    void sweep() {
        try {
            turns.sweep();
        } catch (RuntimeException e) {
            log.warn("could not look for chats waiting for a holder: {}", e.getMessage());
        }
    }

    /** One stored update, parsed and handed on; completes once its replies have left the outbox. */
    private CompletableFuture<?> handle(ReceivedUpdate r) {
        Update update;
        try {
            update = JSON.readValue(r.payload(), Update.class);
        } catch (JsonProcessingException e) {
            log.error("skipped stored update {}: it cannot be read ({})", r.updateId(), e.getOriginalMessage());
            store.done(r.updateId(), clock.instant());
            return CompletableFuture.completedFuture(null);
        }
        return dispatch(update);
    }

    /**
     * Long polling's consumer: stores the batch (trying again until it is stored, so that the next getUpdates, which
     * confirms it, is not sent before), then hands the new updates on. After {@link #stop()} it takes nothing: what is
     * not stored is not confirmed, and Telegram delivers it again.
     */
    void consume(List<Update> updates) {
        List<ReceivedUpdate> received = new ArrayList<>(updates.size());
        for (Update u : updates) {
            received.add(new ReceivedUpdate(u.getUpdateId(), translator.chatOf(u), payload(u)));
        }
        Set<Long> fresh;
        while (true) {
            if (stopping.get()) {
                return;
            }
            try {
                fresh = store.receive(received, clock.instant());
                break;
            } catch (RuntimeException e) {
                log.error("cannot store {} update(s), trying again in {} s; none is confirmed to Telegram meanwhile: {}",
                        received.size(), STORE_RETRY.toSeconds(), e.getMessage());
                try {
                    Thread.sleep(STORE_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        received.forEach(r -> lastStored.accumulateAndGet(r.updateId(), Math::max));
        for (ReceivedUpdate r : received) {
            if (fresh.contains(r.updateId())) {
                turns.offer(r.chatId());
            } else {
                log.info("update {} was received before: not handled again", r.updateId());
            }
        }
    }

    /**
     * The webhook's receiver: stores one update and, if it is new, takes its chat on unless another instance holds it
     * (which then finds it in the store). Only what returns {@link Metrics.WebhookOutcome#ACCEPTED} or {@link
     * Metrics.WebhookOutcome#DUPLICATE} is stored, and only then may the request be answered 200; an update this or
     * another instance sharing the store received before is not handled again.
     */
    Metrics.WebhookOutcome receive(Update u) {
        long id = u.getUpdateId();
        long chatId = translator.chatOf(u);
        synchronized (receiving) {
            if (stopping.get()) {
                return Metrics.WebhookOutcome.UNAVAILABLE;
            }
            Set<Long> fresh;
            try {
                fresh = store.receive(List.of(new ReceivedUpdate(id, chatId, payload(u))), clock.instant());
            } catch (RuntimeException e) {
                log.error("cannot store update {}; Telegram is asked to deliver it again: {}", id, e.getMessage());
                return Metrics.WebhookOutcome.UNAVAILABLE;
            }
            if (!fresh.contains(id)) {
                log.info("update {} was received before: not handled again", id);
                return Metrics.WebhookOutcome.DUPLICATE;
            }
        }
        // Outside the lock: the order is the store's (update ids), so other requests need not wait for the claim.
        try {
            turns.offer(chatId);
        } catch (RuntimeException e) {
            // Stored: the sweep takes it on, here or in another instance.
            log.warn("update {}: could not take chat {} on now, the next sweep will: {}", id, chatId, e.getMessage());
        }
        return Metrics.WebhookOutcome.ACCEPTED;
    }

    /** Takes no more updates; call before long polling or the webhook stops. */
    void stop() {
        synchronized (receiving) {
            stopping.set(true);
        }
        turns.pause();
    }

    /**
     * Gives back the chats this instance holds; call once its replies have gone or stay queued (the outbox is closed):
     * another instance takes them on at its next sweep, sending first what stayed queued.
     */
    void release() {
        turns.stop();
    }

    /**
     * Tells Telegram that every update this run stored has arrived (a getUpdates with the next offset and no wait), so a
     * restart is not sent them again; what was stored but not done is resumed from the store.
     */
    void confirm(BotApi client) {
        long last = lastStored.get();
        if (last < 0) {
            return;
        }
        try {
            client.call(GetUpdates.builder().offset((int) last + 1).limit(1).timeout(0)
                    .allowedUpdates(List.of("message", "callback_query")).build());
            log.info("confirmed the updates up to {} to Telegram", last);
        } catch (TelegramApiException e) {
            log.info("could not confirm the updates up to {} ({}); the next start recognises them", last,
                    TelegramConnection.rootCause(e));
        }
    }

    private CompletableFuture<?> dispatch(Update u) {
        long id = u.getUpdateId();
        try {
            translator.migration(u).ifPresent(m -> {
                log.info("chat {} became supergroup {}", m.fromChatId(), m.toChatId());
                migrations.migrated(m);
            });
            Optional<Incoming> incoming = translator.translate(u);
            if (incoming.isPresent()) {
                return chat.receive(incoming.get(), id);
            }
            store.done(id, clock.instant());
        } catch (RuntimeException e) {
            // One odd update must not cost the others in its batch, nor come back at every start.
            log.warn("skipped update {}: {}", id, e.toString());
            try {
                store.done(id, clock.instant());
            } catch (RuntimeException again) {
                log.warn("update {} stays unfinished: {}", id, again.getMessage());
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private static String payload(Update u) {
        try {
            return JSON.writeValueAsString(u);
        } catch (JsonProcessingException e) {
            // Stored all the same, so its id is known; it cannot be resumed, which resume() reports.
            return "{\"update_id\":" + u.getUpdateId() + "}";
        }
    }
}
