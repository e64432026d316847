package dev.briefing.knowledge.retrieve;

import java.util.List;

/** Finds the passages most likely to answer a question, best first. */
public interface Retriever {

    /** At most {@code k} passages for {@code query}, best first. */
    List<ScoredPassage> retrieve(String query, int k);
}
