/**
 * Outgoing messages: a queue per chat that keeps Telegram's flood limits, retries what can be retried
 * and logs what it gives up on, so no message is dropped silently.
 */
package dev.briefing.bot.outbox;
