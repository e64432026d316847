/** The index: Lucene on disk with BM25 text and bge-small vectors per passage, and the stored articles. */
package dev.briefing.knowledge.index;
