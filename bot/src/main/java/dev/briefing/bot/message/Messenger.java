package dev.briefing.bot.message;

/**
 * Delivers the bot's messages to a chat service, one call at a time; pacing and retries are the
 * {@code outbox}'s job, so an implementation reports each failure as it comes.
 */
public interface Messenger {

    /** Sends one message and returns its id in the chat. */
    int send(OutgoingMessage message) throws DeliveryException;

    /** Shows "typing…" in a chat for a few seconds. */
    void typing(long chatId) throws DeliveryException;

    /** Acknowledges a button press, so the client stops showing progress. */
    void acknowledge(ButtonPress press) throws DeliveryException;
}
