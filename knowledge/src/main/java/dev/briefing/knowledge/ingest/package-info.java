/**
 * Ingestion: reading article files (.txt, .md, .html, .json) into articles with passages and sentence
 * offsets, telling debris, headings and date lines from prose. {@link dev.briefing.knowledge.ingest.ArticleFolder}
 * is the entry point; {@link dev.briefing.knowledge.ingest.ArticleReader} is the seam per format.
 */
package dev.briefing.knowledge.ingest;
