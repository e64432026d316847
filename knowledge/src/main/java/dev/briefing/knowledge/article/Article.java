package dev.briefing.knowledge.article;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One news article as the bot knows it: metadata plus the body text that every offset refers to.
 *
 * <p>{@code text} is the article as read: for {@code .txt} and {@code .md} files the file's content,
 * for {@code .html} the extracted text, for {@code .json} the {@code text} field. It is never
 * altered, so a citation's {@code [start, end)} span of it is verbatim. Debris (page chrome, photo
 * credits) stays in {@code text} but is left out of {@code passages}.
 *
 * @param id stable id: the file's path relative to the articles folder
 * @param title headline, or the lead's first sentence when the file has none
 * @param date publication date, or null when neither metadata nor text gives one
 * @param datePrecision how the date was found, to pick the best-dated of several copies
 * @param source the site or agency when it can be told, else empty
 * @param url the article's address when the file gives one, else empty
 * @param text the body every offset refers to
 * @param hash SHA-256 of the file's bytes and the version of how it was read ({@code ArticleFolder.articleHash}), to notice changes
 * @param passages the citable paragraphs, in order
 */
public record Article(
        String id,
        String title,
        LocalDate date,
        DatePrecision datePrecision,
        String source,
        String url,
        String text,
        String hash,
        List<Passage> passages) {

    public Article {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("illegal article id: '" + id + "', must be non-blank");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(datePrecision, "datePrecision");
        if (date == null && datePrecision != DatePrecision.NONE) {
            throw new IllegalArgumentException("article " + id + ": datePrecision " + datePrecision + " without a date");
        }
        source = source == null ? "" : source;
        url = url == null ? "" : url;
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hash, "hash");
        passages = List.copyOf(passages);
        for (Passage p : passages) {
            if (p.end() > text.length()) {
                throw new IllegalArgumentException("article " + id + ": passage " + p.id() + " ends at " + p.end()
                        + ", beyond the text's " + text.length() + " characters");
            }
        }
    }

    /**
     * Best-dated first: a date from metadata before one found in the text, before one in the file's name, before
     * none; then the earlier date (the first to report a wire story), then the id. Picks which of several copies
     * to cite.
     */
    public static final java.util.Comparator<Article> BY_DATING = java.util.Comparator
            .comparing(Article::datePrecision)
            .thenComparing(Article::date, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(Article::id);

    /** The publication date, when known. */
    public Optional<LocalDate> published() {
        return Optional.ofNullable(date);
    }

    /** The date as people read it: ISO date, or "undated". */
    public String dateLabel() {
        return date == null ? "undated" : date.toString();
    }

    /** The verbatim text of a span of this article. */
    public String slice(int start, int end) {
        return text.substring(start, end);
    }
}
