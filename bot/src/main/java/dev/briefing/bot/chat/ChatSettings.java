package dev.briefing.bot.chat;

import java.time.Duration;

/**
 * How the chat treats questions.
 *
 * @param maxQuestionLength longest question answered, in characters
 * @param questionsPerWindow questions one user may ask per {@code questionWindow}
 * @param questionWindow the window of {@code questionsPerWindow}
 * @param idle how long a conversation (and the Sources of its answers) is kept after its last use
 */
public record ChatSettings(int maxQuestionLength, int questionsPerWindow, Duration questionWindow, Duration idle) {

    /**
     * 500 characters (a question, not an article), 20 questions a minute per user (a person typing fast,
     * not a script), conversations kept {@link ChatService#DEFAULT_IDLE}.
     */
    public static final ChatSettings DEFAULTS = new ChatSettings(500, 20, Duration.ofMinutes(1), ChatService.DEFAULT_IDLE);

    public ChatSettings {
        if (maxQuestionLength < 1) {
            throw new IllegalArgumentException("illegal maxQuestionLength: " + maxQuestionLength + ", must be at least 1");
        }
        if (questionsPerWindow < 1) {
            throw new IllegalArgumentException("illegal questionsPerWindow: " + questionsPerWindow + ", must be at least 1");
        }
        if (questionWindow == null || questionWindow.isNegative() || questionWindow.isZero()) {
            throw new IllegalArgumentException("illegal questionWindow: " + questionWindow + ", must be positive");
        }
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("illegal idle: " + idle + ", must be positive");
        }
    }

    /** These settings with another per-user question limit. */
    public ChatSettings withQuestionsPerWindow(int questions) {
        return new ChatSettings(maxQuestionLength, questions, questionWindow, idle);
    }
}
