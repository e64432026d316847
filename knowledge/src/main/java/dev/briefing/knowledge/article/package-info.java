/** The values every stage shares: articles, their passages and sentence spans. */
package dev.briefing.knowledge.article;
