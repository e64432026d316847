/** Queries: the offline follow-up resolution that turns a follow-up into a standalone question. */
package dev.briefing.knowledge.query;
