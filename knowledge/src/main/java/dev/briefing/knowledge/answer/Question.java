package dev.briefing.knowledge.answer;

import java.util.List;
import java.util.Set;

/**
 * A question as the answerer reads it.
 *
 * @param text the question as the user asked it (resolved against the conversation)
 * @param type what kind of detail its real question asks for
 * @param terms its content terms, function words removed
 */
record Question(String text, AnswerType type, List<Term> terms) {

    Question {
        terms = List.copyOf(terms);
    }

    /** Where a term comes from: the words shape how much a sentence must hold them. */
    enum Role {
        /** The question itself (for a quiz-style question, its last sentence, the real question). */
        FOCUS,
        /** The sentences before a quiz-style question's real question: context that helps find the article. */
        LEAD,
        /** The conversation's earlier question, carried by follow-up resolution; the answer need not repeat it. */
        CONTEXT
    }

    /** The stems of every term, whatever its role. */
    Set<String> stems() {
        Set<String> out = new java.util.HashSet<>();
        terms.forEach(t -> out.add(t.stem()));
        return out;
    }

    /** The terms of one role. */
    List<Term> terms(Role role) {
        return terms.stream().filter(t -> t.role() == role).toList();
    }

    /**
     * One analyzed content term.
     *
     * @param stem the analyzed form, as the index holds it
     * @param role where in the question (or conversation) it comes from
     * @param idf its inverse document frequency over passages
     * @param known whether any passage holds it
     * @param proper whether the user capitalised it mid-question (a name)
     * @param surname for a given name in a multi-word name ("Emmanuel" of "Emmanuel Macron"), the stem of the
     *                name's last word, whose presence counts for the whole name (later mentions drop first names); else null
     * @param spelledOut another form of the name that stands for the term: for an acronym the articles define, the
     *                   stems of its spelled-out form; for a word of a name the question spells out, the stem of
     *                   the acronym the articles use for it ("uk" for both words of "United Kingdom"); else empty
     */
    record Term(String stem, Role role, double idf, boolean known, boolean proper, String surname, Set<String> spelledOut) {

        Term {
            spelledOut = Set.copyOf(spelledOut);
        }

        Term(String stem, Role role, double idf, boolean known, boolean proper) {
            this(stem, role, idf, known, proper, null, Set.of());
        }
    }
}
