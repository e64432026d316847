package dev.briefing.knowledge.answer;

/** What kind of detail a question asks for, read from its wording. */
enum AnswerType {
    /** how many / how much / how old: the sentence must hold a number. */
    NUMBER(true),
    /** when / what date / what time: the sentence must hold a time expression. */
    TIME(true),
    /** who did it / which agency: the sentence must name someone the question does not. */
    AGENT(true),
    /** where: a place, preferably named. */
    PLACE(false),
    /** why: a cause. */
    REASON(false),
    /** who is X: what X is or does. */
    IDENTITY(false),
    /** what is X: a definition or description. */
    DEFINITION(false),
    /** what did X say: X's words, which often run on over the next sentences. */
    STATEMENT(false),
    /** anything else. */
    OTHER(false);

    /** Whether a sentence without the detail cannot answer at all (so the bot abstains rather than guess). */
    final boolean required;

    AnswerType(boolean required) {
        this.required = required;
    }

    /** Whether the answer is a figure or a date, which means nothing apart from what it counts or dates. */
    boolean countsOrDates() {
        return this == NUMBER || this == TIME;
    }
}
