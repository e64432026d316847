package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.query.Conversation;

/** Answers a (resolved) question from the articles, or says that they do not hold the answer. */
public interface Answerer {

    /**
     * @param query the question, already resolved against the conversation
     * @param conversation the earlier turns, for context such as what was cited last
     */
    Answer answer(String query, Conversation conversation);
}
