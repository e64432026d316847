package dev.briefing.knowledge.article;

import java.util.List;

/**
 * A paragraph of an article that may be retrieved and cited.
 *
 * @param id {@code articleId#index}
 * @param articleId the article it belongs to
 * @param index its position among the article's passages, from 0
 * @param start offset of its first character in the article text
 * @param end offset just past its last character
 * @param text the verbatim text, {@code article.text().substring(start, end)}
 * @param sentences its sentences, as absolute offsets in the article text
 */
public record Passage(String id, String articleId, int index, int start, int end, String text, List<Span> sentences) {

    public Passage {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("illegal passage span [" + start + ", " + end + ") of " + articleId);
        }
        if (text.length() != end - start) {
            throw new IllegalArgumentException("passage " + id + ": text length " + text.length()
                    + " does not match span [" + start + ", " + end + ")");
        }
        sentences = List.copyOf(sentences);
        for (Span s : sentences) {
            if (s.start() < start || s.end() > end) {
                throw new IllegalArgumentException("passage " + id + ": sentence " + s + " lies outside [" + start + ", " + end + ")");
            }
        }
    }

    /** The verbatim text of one of this passage's sentences. */
    public String sentenceText(Span sentence) {
        return text.substring(sentence.start() - start, sentence.end() - start);
    }

    /** Makes the id of the passage at {@code index} of an article. */
    public static String idOf(String articleId, int index) {
        return articleId + "#" + index;
    }
}
