/**
 * Digests: daily briefings pushed to subscribed chats at their local time, exactly once per chat and day.
 *
 * <p>{@link dev.briefing.bot.digest.DigestScheduler} plans and sends, driven by an injected {@link java.time.Clock}
 * (tests move it); {@link dev.briefing.bot.digest.Pacer} keeps within Telegram's overall rate;
 * {@link dev.briefing.bot.digest.DigestSender} and {@link dev.briefing.bot.digest.ChatAdmins} are the seams the
 * Telegram adapter implements, so nothing here imports the Telegram library. The command handlers
 * ({@code /subscribe}, {@code /unsubscribe}, {@code /subscription}) are plain classes taking (chat, user,
 * arguments) and returning the reply; {@link dev.briefing.bot.digest.DigestCommands} registers them, with
 * {@code /summary}, in the command registry.
 */
package dev.briefing.bot.digest;
