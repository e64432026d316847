package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds article records the way the ingest stage would: paragraphs split on blank lines. */
final class Articles {

    private Articles() {
    }

    /** An article whose passages carry sentence spans split on ". ". */
    static Article article(String id, LocalDate date, String text) {
        return build(id, date, text, true);
    }

    /** An article whose passages carry no sentence spans, so the summarizer must split them itself. */
    static Article unsplit(String id, LocalDate date, String text) {
        return build(id, date, text, false);
    }

    private static Article build(String id, LocalDate date, String text, boolean withSentences) {
        List<Passage> passages = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = text.indexOf("\n\n", from);
            to = to < 0 ? text.length() : to;
            if (!text.substring(from, to).isBlank()) {
                passages.add(new Passage(Passage.idOf(id, passages.size()), id, passages.size(), from, to,
                        text.substring(from, to), withSentences ? sentences(text, from, to) : List.of()));
            }
            from = to + 2;
        }
        return new Article(id, "Title of " + id, date, date == null ? DatePrecision.NONE : DatePrecision.METADATA,
                "wire", "", text, Integer.toHexString(text.hashCode()), passages);
    }

    private static List<Span> sentences(String text, int from, int to) {
        List<Span> out = new ArrayList<>();
        int s = from;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '.' && (i + 1 == to || text.charAt(i + 1) == ' ')) {
                out.add(new Span(s, i + 1));
                s = i + 1;
            }
        }
        if (s < to) {
            out.add(new Span(s, to));
        }
        return out;
    }
}
