package dev.briefing.bot.telegram;

/** The bot could not start on Telegram; the message says why and what to do, and never holds the token. */
public final class TelegramStartException extends Exception {

    public TelegramStartException(String message, Throwable cause) {
        super(Redaction.redact(message), cause);
    }
}
