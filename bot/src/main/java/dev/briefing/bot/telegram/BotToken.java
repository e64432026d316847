package dev.briefing.bot.telegram;

/**
 * A Telegram bot token. Its {@code toString} hides the value, so it cannot end up in a log line or an
 * error message by accident.
 *
 * @param value the token as BotFather gave it, {@code <bot id>:<secret>}
 */
public record BotToken(String value) {

    public BotToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("illegal bot token: empty; set TELEGRAM_BOT_TOKEN or telegram.token in the config file");
        }
        value = value.strip();
        // Say what is wrong without repeating the value.
        if (!value.matches("\\d+:[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("illegal bot token: not of the form <digits>:<letters, digits, _ or ->"
                    + " (" + value.length() + " characters); copy it again from BotFather");
        }
    }

    @Override
    public String toString() {
        return "BotToken[hidden]";
    }
}
