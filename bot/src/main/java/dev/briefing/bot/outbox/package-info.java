/**
 * Outgoing messages: a queue per chat that keeps Telegram's flood limits, retries what can be retried
 * and logs what it gives up on, so no message is dropped silently. {@link dev.briefing.bot.outbox.SendBudget} is the
 * bot's overall limit, which the outbox shares with the digests' pacer. {@link dev.briefing.bot.outbox.DurableOutbox} keeps
 * each message in the store from before its first try until Telegram accepts it, so an outage of minutes or a restart
 * loses no reply.
 */
package dev.briefing.bot.outbox;
