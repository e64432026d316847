/** Conversations: who asked what, so follow-ups resolve, shared by the command line and Telegram. */
package dev.briefing.bot.chat;
