package dev.briefing.knowledge.answer;

/** What kind of detail a question asks for, read from its wording. */
enum AnswerType {
    /** how many / how much / how old: an answer holds a number. */
    NUMBER(true),
    /** when / what date / what time: an answer holds a time expression. */
    TIME(true),
    /** who did it / which agency: an answer names someone the question does not. */
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

    /** Whether an answer cannot do without the detail: a sentence lacking it states no answer by itself. */
    final boolean required;

    AnswerType(boolean required) {
        this.required = required;
    }
}
