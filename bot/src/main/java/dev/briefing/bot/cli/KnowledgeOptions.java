package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncReport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The options every command that reads articles shares: where they are and where the index lives. */
public final class KnowledgeOptions {

    @Option(names = "--articles", paramLabel = "DIR", defaultValue = "articles",
            description = "Folder of article files (.txt, .md, .html, .json; subfolders too). Default: ${DEFAULT-VALUE}.")
    Path articles;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Folder for the index and the database; created when missing. Default: ${DEFAULT-VALUE}.")
    Path data;

    /**
     * Opens the knowledge base and brings it in step with the folder, vectors included, reporting skipped files
     * on stderr.
     */
    public KnowledgeBase openSynced() throws IOException {
        return openSynced(KnowledgeBase.Vectors.AWAIT);
    }

    /**
     * Opens the knowledge base and brings it in step with the folder, reporting skipped files on stderr; with
     * {@link KnowledgeBase.Vectors#IN_BACKGROUND} it returns once the articles answer by BM25.
     */
    public KnowledgeBase openSynced(KnowledgeBase.Vectors vectors) throws IOException {
        if (!Files.isDirectory(articles)) {
            throw new IllegalArgumentException("no articles folder at " + articles.toAbsolutePath()
                    + "; pass --articles DIR");
        }
        KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data), ChatModels.fromEnvironment().orElse(null));
        SyncReport report = kb.sync(new ProgressBarListener(), vectors);
        Reports.printSkipped(report);
        return kb;
    }

    public Path articles() {
        return articles;
    }

    public Path data() {
        return data;
    }
}
