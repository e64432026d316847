package dev.briefing.knowledge.answer;

import java.util.List;

/**
 * A question as the answerer reads it.
 *
 * @param text the full (resolved) question
 * @param type what kind of detail it asks for
 * @param terms its content terms with weights, function words removed
 * @param wantsLatest whether it asks for the latest or current figures
 */
record Question(String text, AnswerType type, List<Term> terms, boolean wantsLatest) {

    Question {
        terms = List.copyOf(terms);
    }

    /**
     * One analyzed content term.
     *
     * @param stem the analyzed form, as the index holds it
     * @param weight how much it counts: 1 for the question's own words, less for context added by follow-up resolution
     * @param idf its inverse document frequency over passages
     * @param known whether any passage holds it
     * @param proper whether the user capitalised it mid-question (a name)
     * @param surname for a given name in a multi-word name ("Emmanuel" of "Emmanuel Macron"), the stem of the
     *                name's last word, whose presence counts for the whole name (later mentions drop first names); else null
     * @param context whether it comes from the conversation rather than the question's own words
     * @param spelledOut for an acronym the articles define, the stems of its spelled-out form; else empty
     */
    record Term(String stem, double weight, double idf, boolean known, boolean proper, String surname, boolean context,
                java.util.Set<String> spelledOut) {

        Term {
            spelledOut = java.util.Set.copyOf(spelledOut);
        }

        Term(String stem, double weight, double idf, boolean known, boolean proper, String surname, boolean context) {
            this(stem, weight, idf, known, proper, surname, context, java.util.Set.of());
        }

        double mass() {
            return weight * idf;
        }
    }
}
