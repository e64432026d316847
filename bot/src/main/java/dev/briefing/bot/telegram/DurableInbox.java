package dev.briefing.bot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.chat.BriefingChat;
import dev.briefing.bot.message.Incoming;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.metrics.Metrics;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives updates through the store ({@link UpdateLog}), from long polling or the webhook. A long-polling batch is
 * written before the consumer returns, and TelegramBots confirms a batch to Telegram only with the next getUpdates,
 * which it sends after the consumer returned; a webhook update is written before its request is answered 200
 * ({@link #receive(Update)}). So no update is confirmed before it is stored. An update stored before (delivered again
 * after a restart, or to another instance sharing the store) is not handled again; those stored but not done are
 * handled at start ({@link #resume()}). Each update is marked done when its replies are queued ({@link
 * BriefingChat#receive(Incoming, long)}), or at once when it needs none.
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
    private final BriefingChat chat;
    private final UpdateTranslator translator;
    private final MigrationListener migrations;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Held while a webhook update is stored and handed on. */
    private final Object receiving = new Object();
    /** The highest update id stored by this run: what shutdown confirms. */
    private final AtomicLong lastStored = new AtomicLong(-1);

    DurableInbox(UpdateLog store, BriefingChat chat, UpdateTranslator translator, MigrationListener migrations, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handles the updates an earlier run stored but did not finish, oldest first; returns how many. */
    int resume() {
        store.forgetDone(clock.instant().minus(KEEP_DONE));
        List<ReceivedUpdate> unfinished = store.unfinished();
        for (ReceivedUpdate r : unfinished) {
            Update update;
            try {
                update = JSON.readValue(r.payload(), Update.class);
            } catch (JsonProcessingException e) {
                log.error("skipped stored update {}: it cannot be read ({})", r.updateId(), e.getOriginalMessage());
                store.done(r.updateId(), clock.instant());
                continue;
            }
            dispatch(update);
        }
        if (!unfinished.isEmpty()) {
            log.info("resumed {} update(s) left unfinished by the last run", unfinished.size());
        }
        return unfinished.size();
    }

    /**
     * Long polling's consumer: stores the batch (trying again until it is stored, so that the next getUpdates, which
     * confirms it, is not sent before), then hands the new updates on. After {@link #stop()} it takes nothing: what is
     * not stored is not confirmed, and Telegram delivers it again.
     */
    void consume(List<Update> updates) {
        List<ReceivedUpdate> received = new ArrayList<>(updates.size());
        for (Update u : updates) {
            received.add(new ReceivedUpdate(u.getUpdateId(), payload(u)));
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
        for (Update u : updates) {
            if (fresh.contains((long) u.getUpdateId())) {
                dispatch(u);
            } else {
                log.info("update {} was received before: not handled again", u.getUpdateId());
            }
        }
    }

    /**
     * The webhook's receiver: stores one update and hands it on if it is new. Only what returns {@link
     * Metrics.WebhookOutcome#ACCEPTED} or {@link Metrics.WebhookOutcome#DUPLICATE} is stored, and only then may the
     * request be answered 200; an update this or another instance sharing the store received before is not handled
     * again. One update at a time, so each chat's updates are handed on in the order they were stored.
     */
    Metrics.WebhookOutcome receive(Update u) {
        long id = u.getUpdateId();
        synchronized (receiving) {
            if (stopping.get()) {
                return Metrics.WebhookOutcome.UNAVAILABLE;
            }
            Set<Long> fresh;
            try {
                fresh = store.receive(List.of(new ReceivedUpdate(id, payload(u))), clock.instant());
            } catch (RuntimeException e) {
                log.error("cannot store update {}; Telegram is asked to deliver it again: {}", id, e.getMessage());
                return Metrics.WebhookOutcome.UNAVAILABLE;
            }
            if (!fresh.contains(id)) {
                log.info("update {} was received before: not handled again", id);
                return Metrics.WebhookOutcome.DUPLICATE;
            }
            dispatch(u);
            return Metrics.WebhookOutcome.ACCEPTED;
        }
    }

    /** Takes no more updates; call before long polling or the webhook stops. */
    void stop() {
        synchronized (receiving) {
            stopping.set(true);
        }
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

    private void dispatch(Update u) {
        long id = u.getUpdateId();
        try {
            translator.migration(u).ifPresent(m -> {
                log.info("chat {} became supergroup {}", m.fromChatId(), m.toChatId());
                migrations.migrated(m);
            });
            Optional<Incoming> incoming = translator.translate(u);
            if (incoming.isPresent()) {
                chat.receive(incoming.get(), id);
            } else {
                store.done(id, clock.instant());
            }
        } catch (RuntimeException e) {
            // One odd update must not cost the others in its batch, nor come back at every start.
            log.warn("skipped update {}: {}", id, e.toString());
            try {
                store.done(id, clock.instant());
            } catch (RuntimeException again) {
                log.warn("update {} stays unfinished: {}", id, again.getMessage());
            }
        }
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
