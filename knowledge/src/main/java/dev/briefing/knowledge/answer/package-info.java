/**
 * Answers: reading a question, choosing and citing the sentences that answer it, or abstaining, and the
 * {@link dev.briefing.knowledge.answer.Conversation} of answers given so far that a follow-up is answered within.
 * {@link dev.briefing.knowledge.answer.Answerer} is the seam; {@link dev.briefing.knowledge.answer.ExtractiveAnswerer}
 * is the offline default.
 */
package dev.briefing.knowledge.answer;
