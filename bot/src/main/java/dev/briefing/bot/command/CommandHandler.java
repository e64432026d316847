package dev.briefing.bot.command;

/** What a command does when called. Runs off the receiving thread; may take its time. */
@FunctionalInterface
public interface CommandHandler {

    void handle(CommandCall call);
}
