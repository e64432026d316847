package dev.briefing.bot.digest;

import dev.briefing.bot.store.SubscriptionStore;

import java.util.Objects;

/** {@code /unsubscribe}: cancels the chat's daily digest. In groups only admins may use it. */
public final class UnsubscribeHandler {

    public static final String NAME = "unsubscribe";
    public static final String DESCRIPTION = "Stop the daily briefing";

    private final SubscriptionStore subscriptions;
    private final ChatAdmins admins;

    public UnsubscribeHandler(SubscriptionStore subscriptions, ChatAdmins admins) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.admins = Objects.requireNonNull(admins, "admins");
    }

    /** The reply, Telegram HTML; arguments are ignored. */
    public String reply(long chatId, long userId, String args) {
        if (!admins.mayConfigure(chatId, userId)) {
            return SubscribeHandler.ADMINS_ONLY;
        }
        return subscriptions.unsubscribe(chatId)
                ? "Unsubscribed: no more daily briefings here. /subscribe brings them back."
                : "This chat has no daily briefing to stop.";
    }
}
