/**
 * Slash commands as objects in a {@link dev.briefing.bot.command.CommandRegistry}: name, description,
 * usage and handler. {@code /help} and the Telegram command menu are generated from the registry, so a
 * new command is one {@code register} line.
 */
package dev.briefing.bot.command;
