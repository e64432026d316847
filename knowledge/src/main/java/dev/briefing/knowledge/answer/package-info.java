/**
 * Answers: reading a question, choosing and citing the sentences that answer it, or abstaining.
 * {@link dev.briefing.knowledge.answer.Answerer} is the seam; {@link dev.briefing.knowledge.answer.ExtractiveAnswerer}
 * is the offline default.
 */
package dev.briefing.knowledge.answer;
