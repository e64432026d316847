package dev.briefing.bot.message;

import java.time.Duration;
import java.util.Objects;

/** A message that could not be delivered this time, with what a sender should do about it. */
public final class DeliveryException extends Exception {

    /** What kind of failure it was, which decides whether and when to try again. */
    public enum Kind {
        /** Too many messages: try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The service failed or did not answer in time (5xx, timeout, network): try again later. */
        TRANSIENT,
        /** The message will never go through (blocked by the user, chat gone, bad request): give up. */
        REJECTED
    }

    private final Kind kind;
    private final Duration retryAfter;

    private DeliveryException(Kind kind, String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    /** The service asked to wait {@code retryAfter} before sending again. */
    public static DeliveryException rateLimited(Duration retryAfter, String reason) {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("illegal retryAfter: " + retryAfter + ", must be zero or more");
        }
        return new DeliveryException(Kind.RATE_LIMITED, reason, retryAfter, null);
    }

    public static DeliveryException transientFailure(String reason, Throwable cause) {
        return new DeliveryException(Kind.TRANSIENT, reason, Duration.ZERO, cause);
    }

    public static DeliveryException rejected(String reason, Throwable cause) {
        return new DeliveryException(Kind.REJECTED, reason, Duration.ZERO, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the service asked to wait; zero unless {@link Kind#RATE_LIMITED}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
