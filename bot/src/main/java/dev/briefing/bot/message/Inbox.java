package dev.briefing.bot.message;

/** Takes what arrives from chats. Must return quickly: it is called on the receiving thread. */
public interface Inbox {

    void receive(Incoming incoming);
}
