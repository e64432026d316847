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
 * @param pendingVectors passages searchable by BM25 that still wait for their vector (0 once all are in)
 */
public record Catalog(int articles, int passages, LocalDate first, LocalDate last, long version, int pendingVectors) {

    public Catalog {
        if (pendingVectors < 0) {
            throw new IllegalArgumentException("illegal pendingVectors " + pendingVectors + ", must be >= 0");
        }
    }

    /** A catalog with every vector in. */
    public Catalog(int articles, int passages, LocalDate first, LocalDate last, long version) {
        this(articles, passages, first, last, version, 0);
    }

    /** This catalog with another count of passages waiting for vectors. */
    public Catalog withPendingVectors(int pending) {
        return new Catalog(articles, passages, first, last, version, pending);
    }

    /** "; 1,234 of 5,678 passages still wait for vectors (answers use keywords for them meanwhile)", or "". */
    public String vectorProgress() {
        return pendingVectors == 0 ? ""
                : String.format("; %,d of %,d passages still wait for vectors (answers use keywords for them meanwhile)",
                pendingVectors, passages);
    }

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
