package dev.briefing.knowledge.answer;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A verbatim quote that supports an answer, with where it stands.
 *
 * @param quote the exact text, {@code article.text().substring(start, end)}
 * @param articleId the article quoted
 * @param title that article's title
 * @param date that article's date, or null when undated
 * @param start offset of the quote in the article text
 * @param end offset just past the quote
 * @param passageId the passage the quote comes from, to show it whole
 * @param alsoReportedBy other articles carrying the same wire copy
 */
public record Citation(String quote, String articleId, String title, LocalDate date, int start, int end,
                       String passageId, List<Source> alsoReportedBy) {

    public Citation {
        Objects.requireNonNull(quote, "quote");
        if (quote.isBlank()) {
            throw new IllegalArgumentException("illegal citation of " + articleId + ": blank quote");
        }
        if (end - start != quote.length()) {
            throw new IllegalArgumentException("citation of " + articleId + ": span [" + start + ", " + end
                    + ") does not match a quote of " + quote.length() + " characters");
        }
        alsoReportedBy = List.copyOf(alsoReportedBy);
    }

    /** The date as people read it: ISO date, or "undated". */
    public String dateLabel() {
        return date == null ? "undated" : date.toString();
    }

    /**
     * The other articles carrying this passage, for people: at most {@code max} titles with dates, then
     * "and N more" (a wire story can run in dozens of papers). Empty when there are none.
     */
    public String alsoReportedByLabel(int max) {
        if (alsoReportedBy.isEmpty()) {
            return "";
        }
        List<String> shown = alsoReportedBy.stream().limit(max)
                .map(s -> s.title() + " (" + (s.date() == null ? "undated" : s.date()) + ")").toList();
        int more = alsoReportedBy.size() - shown.size();
        return String.join("; ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    /** Another article that carries the same passage. */
    public record Source(String articleId, String title, LocalDate date) {
    }
}
