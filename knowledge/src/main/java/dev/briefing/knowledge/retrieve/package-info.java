/** Retrieval: BM25 and dense rankings over the index, fused by reciprocal rank. */
package dev.briefing.knowledge.retrieve;
