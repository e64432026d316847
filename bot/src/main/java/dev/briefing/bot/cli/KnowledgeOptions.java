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
     * Opens the knowledge base and brings it in step with the folder, reporting skipped files on stderr. The
     * embedding model loads only if the sync has files to index.
     */
    public KnowledgeBase openSynced() throws IOException {
        return open(false);
    }

    /** As {@link #openSynced()}, for a command about to answer questions: the embedding model loads meanwhile. */
    public KnowledgeBase openToAnswer() throws IOException {
        return open(true);
    }

    private KnowledgeBase open(boolean answering) throws IOException {
        if (!Files.isDirectory(articles)) {
            throw new IllegalArgumentException("no articles folder at " + articles.toAbsolutePath()
                    + "; pass --articles DIR");
        }
        KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data), ChatModels.fromEnvironment().orElse(null));
        try {
            if (answering) {
                kb.warmUp();
            }
            SyncReport report = kb.sync(new ProgressBarListener());
            Reports.printSkipped(report);
            return kb;
        } catch (IOException | RuntimeException e) {
            try {
                kb.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public Path articles() {
        return articles;
    }

    public Path data() {
        return data;
    }
}
