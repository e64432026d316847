/**
 * The knowledge module: articles, their index, answers and summaries. Knows nothing of Telegram.
 * {@link dev.briefing.knowledge.KnowledgeBase} is the entry point.
 */
package dev.briefing.knowledge;
