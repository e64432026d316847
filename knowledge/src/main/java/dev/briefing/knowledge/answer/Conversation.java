package dev.briefing.knowledge.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The recent turns of one conversation, oldest first; immutable, so a chat keeps the newest value.
 *
 * @param turns at most {@link #MAX_TURNS} turns
 */
public record Conversation(List<Turn> turns) {

    /** How many turns follow-ups may look back on: enough for "and him?" chains, small enough to stay on topic. */
    public static final int MAX_TURNS = 6;

    public Conversation {
        turns = List.copyOf(turns);
        if (turns.size() > MAX_TURNS) {
            throw new IllegalArgumentException("illegal conversation of " + turns.size() + " turns, at most " + MAX_TURNS);
        }
    }

    public static Conversation empty() {
        return new Conversation(List.of());
    }

    /** This conversation with one more turn, dropping the oldest past {@link #MAX_TURNS}. */
    public Conversation with(Turn turn) {
        List<Turn> next = new ArrayList<>(turns);
        next.add(Objects.requireNonNull(turn, "turn"));
        while (next.size() > MAX_TURNS) {
            next.remove(0);
        }
        return new Conversation(next);
    }

    public boolean isEmpty() {
        return turns.isEmpty();
    }

    /**
     * One question and its reply.
     *
     * @param question what the user wrote
     * @param answer the reply, whose {@code query} is the question as resolved
     */
    public record Turn(String question, Answer answer) {
        public Turn {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
