package dev.briefing.bot.digest;

/**
 * Sends one digest message, the digest's only way out: the Telegram adapter implements it, so this package
 * never sees the Telegram library. It must send {@code html} with parse mode HTML as one message (it is at most
 * 4096 characters and already escaped), call Telegram once, and not retry or pace on its own: the scheduler
 * does both, and reads the outcome from the result rather than from an exception.
 */
@FunctionalInterface
public interface DigestSender {

    SendResult send(long chatId, String html);
}
