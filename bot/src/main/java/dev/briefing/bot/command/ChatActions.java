package dev.briefing.bot.command;

/** What a command may do in the chat it was called in; the chat layer implements it. */
public interface ChatActions {

    /** Sends {@code html} (already escaped where it holds user or article text), threaded to the command. */
    void reply(String html);

    /** Answers {@code question} as the chat answers any question: limits, typing, citations, Sources button. */
    void ask(String question);

    /** Forgets the chat's conversation, so the next question starts afresh. */
    void forgetConversation();
}
