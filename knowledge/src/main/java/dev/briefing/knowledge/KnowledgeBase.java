package dev.briefing.knowledge;

import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.query.Conversation;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The knowledge module's entry point: keeps the index of an articles folder in step with the folder and
 * answers questions from it with verbatim citations. Thread-safe; one instance per data folder.
 */
public final class KnowledgeBase implements AutoCloseable {

    private KnowledgeBase() {
    }

    /** Opens (or creates) the index under {@code settings.data()}; call {@link #sync} to pick up the folder. */
    public static KnowledgeBase open(KnowledgeSettings settings) throws IOException {
        throw new UnsupportedOperationException("under construction");
    }

    /** Brings the index in step with the articles folder: new, changed and deleted files, by content hash. */
    public SyncReport sync(SyncListener listener) throws IOException {
        throw new UnsupportedOperationException("under construction");
    }

    /** Answers a question, resolving follow-ups against the conversation's earlier turns. */
    public Answer ask(String question, Conversation conversation) {
        throw new UnsupportedOperationException("under construction");
    }

    /** Every article, newest first (undated last). */
    public List<Article> articles() {
        throw new UnsupportedOperationException("under construction");
    }

    /** The articles published on a day, in index order. */
    public List<Article> articlesOn(LocalDate day) {
        throw new UnsupportedOperationException("under construction");
    }

    public Optional<Article> article(String id) {
        throw new UnsupportedOperationException("under construction");
    }

    public Optional<Passage> passage(String passageId) {
        throw new UnsupportedOperationException("under construction");
    }

    /** Counts and date range of what is indexed. */
    public Catalog catalog() {
        throw new UnsupportedOperationException("under construction");
    }

    @Override
    public void close() throws IOException {
    }
}
