package dev.briefing.bot.command;

import dev.briefing.bot.message.Html;
import dev.briefing.bot.message.IncomingMessage;

import java.util.Objects;

/**
 * One call of a command.
 *
 * @param command the command called
 * @param arguments what followed the command name, stripped; empty when nothing did
 * @param message the message that called it
 * @param chat what the command may do in that chat
 */
public record CommandCall(Command command, String arguments, IncomingMessage message, ChatActions chat) {

    public CommandCall {
        Objects.requireNonNull(command, "command");
        arguments = arguments == null ? "" : arguments.strip();
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(chat, "chat");
    }

    /** Replies with the command's usage: what to do when the arguments are wrong. */
    public void replyUsage() {
        chat.reply("Usage: " + Html.escape(command.usage()) + "\n" + Html.escape(command.description()));
    }
}
