package dev.briefing.knowledge.answer;

import dev.langchain4j.rag.query.Query;

/** Answers a (resolved) question from the articles, or says that they do not hold the answer. */
public interface Answerer {

    /**
     * @param query the question, already resolved against the conversation; context that resolution carried
     *              along travels in its metadata ({@link dev.briefing.knowledge.query.FollowUpQueryTransformer#context})
     * @param conversation the earlier turns, for context such as what was cited last
     */
    Answer answer(Query query, Conversation conversation);
}
