/**
 * The Telegram adapter, and the only package that imports {@code org.telegram}: it turns updates into
 * the bot's own {@link dev.briefing.bot.message.Incoming} messages, delivers {@link
 * dev.briefing.bot.message.OutgoingMessage}s through the Bot API, maps the API's errors to what a sender can
 * act on, and runs long polling or, in webhook mode, reads the updates the {@link
 * dev.briefing.bot.http.HttpListener} takes ({@code setWebhook} with a secret token, each update stored before it is
 * acknowledged). {@link dev.briefing.bot.telegram.ChatTurns} keeps each chat's updates in order across instances
 * sharing one store, through a lease per chat. {@link dev.briefing.bot.telegram.TelegramConnection} hands the digests their {@link
 * dev.briefing.bot.digest.DigestSender} and {@link dev.briefing.bot.digest.ChatAdmins}, so the command line
 * wires them without seeing a Telegram type.
 */
package dev.briefing.bot.telegram;
