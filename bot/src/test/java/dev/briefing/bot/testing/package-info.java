/** What the bot's tests share across packages: the one fake clock. */
package dev.briefing.bot.testing;
