package dev.briefing.knowledge.article;

/** Where an article's date came from, best first; used to choose the best-dated of several copies. */
public enum DatePrecision {
    /** A metadata field or a date line in the file's head. */
    METADATA,
    /** A date written inside the body text ("Thursday, January 6th, 2022"). */
    TEXT,
    /** A date in the file's name or folders ({@code rtqa_20220624_0.txt}, {@code 2022/06/24/storm.html}). */
    FILE_NAME,
    /** No date could be found. */
    NONE
}
