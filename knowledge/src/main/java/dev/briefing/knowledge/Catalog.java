package dev.briefing.knowledge;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the knowledge base holds, in brief: for /start, logs and the abstention reply.
 *
 * @param articles number of articles
 * @param passages number of passages
 * @param first the oldest article date, or null when none is dated
 * @param last the newest article date, or null when none is dated
 * @param version a number that changes whenever the set of articles changes, for caches
 */
public record Catalog(int articles, int passages, LocalDate first, LocalDate last, long version) {

    public Optional<LocalDate> firstDate() {
        return Optional.ofNullable(first);
    }

    public Optional<LocalDate> lastDate() {
        return Optional.ofNullable(last);
    }

    /** "5 articles from 2022-01-06 to 2022-01-10". */
    public String describe() {
        String n = articles + (articles == 1 ? " article" : " articles");
        if (first == null) {
            return n;
        }
        return first.equals(last) ? n + " from " + first : n + " from " + first + " to " + last;
    }
}
