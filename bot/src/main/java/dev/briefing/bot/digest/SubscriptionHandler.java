package dev.briefing.bot.digest;

import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.SubscriptionStore;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** {@code /subscription}: shows the chat's daily digest order. Anyone may ask. */
public final class SubscriptionHandler {

    public static final String NAME = "subscription";
    public static final String DESCRIPTION = "Show this chat's daily briefing";

    private final SubscriptionStore subscriptions;
    private final Clock clock;

    public SubscriptionHandler(SubscriptionStore subscriptions, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The reply, Telegram HTML; arguments are ignored. */
    public String reply(long chatId, long userId, String args) {
        Optional<Subscription> found = subscriptions.subscription(chatId);
        if (found.isEmpty()) {
            return "No daily briefing here. /subscribe [HH:MM] [time zone], e.g. /subscribe 07:30 Europe/Berlin.";
        }
        Subscription s = found.get();
        String last = s.lastDigestDate() == null ? "none sent yet"
                : "last sent on " + s.lastDigestDate() + (s.lastArticleDay() == null ? "" : ", covering " + s.lastArticleDay());
        return "This chat gets " + SubscribeHandler.describe(s) + " Next: "
                + SubscribeHandler.WHEN.format(Schedule.next(s, clock.instant()).atZone(s.zone())) + "; " + last + ".";
    }
}
