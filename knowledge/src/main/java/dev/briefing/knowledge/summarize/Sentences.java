package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.ingest.SentenceSplitter;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Picks the sentences of an article that can stand alone as a briefing point. */
final class Sentences {

    /** Shorter is a headline fragment or a dateline, not a statement. */
    static final int MIN_CHARS = 40;
    /** Longer is a paragraph, not a point; a digest must stay short. */
    static final int MAX_CHARS = 400;
    /** Sentences opening with a pronoun or a demonstrative refer back and cannot stand alone. */
    private static final java.util.regex.Pattern LEANS_ON_PREVIOUS = java.util.regex.Pattern.compile(
            "^[\"“‘']?(This|That|These|Those|It|He|She|They|His|Her|Its|Their|Him|Them|Such|But|And|Also)\\b");
    /** Fewer content words carry no fact worth a point. */
    static final int MIN_TERMS = 4;

    private Sentences() {
    }

    /** The article's citable sentences in text order, trimmed of whitespace and bullets. */
    static List<Sentence> of(Article article) {
        List<Sentence> out = new ArrayList<>();
        for (Passage passage : article.passages()) {
            List<Span> spans = passage.sentences().isEmpty() ? split(article.text(), passage) : passage.sentences();
            for (Span span : spans) {
                Span t = trim(article.text(), span);
                if (t != null && citable(article.text().substring(t.start(), t.end()))) {
                    out.add(new Sentence(article, out.size(), t.start(), t.end(), passage.id()));
                }
            }
        }
        return out;
    }

    /** Sentence boundaries for a passage that came without them (older index, or a test record). */
    static List<Span> split(String text, Passage passage) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(passage.text());
        List<Span> spans = new ArrayList<>();
        int from = it.first();
        for (int to = it.next(); to != BreakIterator.DONE; from = to, to = it.next()) {
            spans.add(new Span(passage.start() + from, passage.start() + to));
        }
        return spans;
    }

    /** Narrows a span to start at a letter, digit or opening quote and end at its last non-space. */
    static Span trim(String text, Span span) {
        int s = span.start();
        int e = span.end();
        while (s < e && !startsStatement(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e > s ? new Span(s, e) : null;
    }

    private static boolean startsStatement(char c) {
        return Character.isLetterOrDigit(c) || c == '"' || c == '“' || c == '„' || c == '«' || c == '\'';
    }

    static boolean citable(String sentence) {
        if (sentence.length() < MIN_CHARS || sentence.length() > MAX_CHARS) {
            return false;
        }
        // Photo credits and links are page chrome that slipped into a passage.
        if (sentence.contains("©") || sentence.contains("http://") || sentence.contains("https://")) {
            return false;
        }
        // "What is pickleball?" asks; a point states.
        if (SentenceSplitter.asks(sentence)) {
            return false;
        }
        // "This was announced in Moscow." leans on the sentence before it: not a point on its own.
        if (LEANS_ON_PREVIOUS.matcher(sentence).find()) {
            return false;
        }
        return Terms.tokens(sentence).size() >= MIN_TERMS;
    }
}
