/** The command line: picocli commands that drive the knowledge base without Telegram. */
package dev.briefing.bot.cli;
