package dev.briefing.bot.chat;

import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;

/** Responds to a question in the light of a conversation's earlier turns: the knowledge base in service, scripted in tests. */
@FunctionalInterface
public interface Responder {

    Answer ask(String question, Conversation conversation);
}
