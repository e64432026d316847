package dev.briefing.bot.metrics;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Where the bot reports what it does, for an operator's dashboard. Only the command line picks an implementation;
 * everything else is handed this interface (or a {@link Metered} seam), so the core never depends on a metrics
 * library. Implementations are thread-safe and never throw.
 */
public interface Metrics {

    /** Reports nothing: for tests and for commands that serve no metrics. */
    Metrics NONE = new Metrics() {
        @Override
        public void answered(Duration latency, boolean abstained) {
        }

        @Override
        public void sent(SendOutcome outcome) {
        }

        @Override
        public void digest(DigestOutcome outcome) {
        }

        @Override
        public void webhook(WebhookOutcome outcome) {
        }

        @Override
        public void gauge(Queue queue, IntSupplier depth) {
        }
    };

    /** One question answered (or abstained from) after {@code latency} of work. */
    void answered(Duration latency, boolean abstained);

    /** One try to send a reply to a chat, and what came of it. */
    void sent(SendOutcome outcome);

    /** One try to send a digest to a chat, and what came of it. */
    void digest(DigestOutcome outcome);

    /** One request to the webhook, and what came of it. */
    void webhook(WebhookOutcome outcome);

    /** Reads {@code queue}'s depth from {@code depth} whenever the figures are collected; the last call wins. */
    void gauge(Queue queue, IntSupplier depth);

    /** What became of one try to send a reply. */
    enum SendOutcome {
        /** Accepted by Telegram. */
        OK,
        /** 429 Too Many Requests: tried again after the wait Telegram asked for. */
        RATE_LIMITED,
        /** 5xx, a timeout, the network: tried again with backoff. */
        TRANSIENT,
        /** Refused for good (blocked, chat gone, bad request): not tried again. */
        REJECTED
    }

    /** What became of one try to send a digest. */
    enum DigestOutcome {
        /** Delivered. */
        SENT,
        /** 429 Too Many Requests: the pacer waits and tries again. */
        RATE_LIMITED,
        /** The group became a supergroup: sent again to the new id. */
        MIGRATED,
        /** Not delivered: the bot is blocked there, or the send failed (tried again later when it may pass). */
        FAILED
    }

    /** What became of one request to the webhook. */
    enum WebhookOutcome {
        /** A new update, stored and handed on. */
        ACCEPTED,
        /** An update stored before (a redelivery, or one another instance took): acknowledged, not handled again. */
        DUPLICATE,
        /** No secret header, or the wrong one: 401. */
        UNAUTHORIZED,
        /** Not an update: 400. */
        BAD_REQUEST,
        /** Not stored (the store failed, or the bot is stopping): 503, so Telegram delivers it again. */
        UNAVAILABLE
    }

    /** A queue whose depth is watched. */
    enum Queue {
        /** Replies this instance has queued for sending and not yet handed to Telegram. */
        OUTBOX,
        /** Updates received (by any instance sharing the database) and not yet handled. */
        INBOX
    }
}
