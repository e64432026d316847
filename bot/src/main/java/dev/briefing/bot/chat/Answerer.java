package dev.briefing.bot.chat;

import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.query.Conversation;

/** Answers a question in the light of a conversation's earlier turns. */
@FunctionalInterface
public interface Answerer {

    Answer ask(String question, Conversation conversation);
}
