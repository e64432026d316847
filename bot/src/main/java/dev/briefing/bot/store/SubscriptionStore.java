package dev.briefing.bot.store;

import java.util.List;
import java.util.Optional;

/** Keeps the digest orders of chats. */
public interface SubscriptionStore {

    /** Places or changes a chat's order; what was already sent to the chat is kept. */
    void subscribe(Subscription subscription);

    /** Cancels a chat's order; true when there was one. */
    boolean unsubscribe(long chatId);

    Optional<Subscription> subscription(long chatId);

    /** Every order, by chat id. */
    List<Subscription> subscriptions();

    /** Moves a chat's order and digest history to a new id (a group upgraded to a supergroup). */
    void move(long fromChatId, long toChatId);
}
