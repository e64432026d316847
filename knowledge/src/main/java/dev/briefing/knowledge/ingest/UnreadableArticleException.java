package dev.briefing.knowledge.ingest;

/** A file that cannot be read as an article; the message says why, for the operator. */
public final class UnreadableArticleException extends Exception {

    public UnreadableArticleException(String reason) {
        super(reason);
    }
}
