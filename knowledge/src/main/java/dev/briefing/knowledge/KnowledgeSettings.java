package dev.briefing.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where the knowledge base reads articles and keeps its index.
 *
 * @param articles the folder of article files (subfolders included)
 * @param data the folder for the Lucene index and caches; created when missing
 * @param clock the time source, injected so tests move time instead of sleeping
 */
public record KnowledgeSettings(Path articles, Path data, Clock clock) {

    public KnowledgeSettings {
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(clock, "clock");
    }

    public KnowledgeSettings(Path articles, Path data) {
        this(articles, data, Clock.systemUTC());
    }
}
