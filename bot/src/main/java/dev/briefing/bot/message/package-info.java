/**
 * The bot's own message types and its sending seam: what arrives from a chat ({@link
 * dev.briefing.bot.message.Incoming}), what goes out ({@link dev.briefing.bot.message.OutgoingMessage})
 * and the {@link dev.briefing.bot.message.Messenger} that delivers it. Nothing here knows Telegram, so
 * chat logic is tested without it.
 */
package dev.briefing.bot.message;
