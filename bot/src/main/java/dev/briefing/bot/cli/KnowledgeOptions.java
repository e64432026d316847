package dev.briefing.bot.cli;

import dev.briefing.knowledge.IndexInUseException;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncReport;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** What a command does with the index, which decides whether it may read one another process writes. */
    private enum Use {
        /** Reads articles only ({@code summary}): no embedding model unless the sync has files to index. */
        READ,
        /** Answers questions ({@code ask}, {@code chat}): the model starts loading before the index opens. */
        ANSWER,
        /** Keeps the index in step for as long as it runs ({@code run}): needs the write lock. */
        SERVE
    }

    /**
     * Opens the knowledge base and brings it in step with the folder, reporting skipped files on stderr. The
     * embedding model loads only if the sync has files to index. When another process holds the index, it is
     * read as that process last wrote it, and one line says so.
     */
    public KnowledgeBase openSynced() throws IOException {
        return open(Use.READ, KnowledgeBase.Vectors.AWAIT);
    }

    /**
     * As {@link #openSynced()}; with {@link KnowledgeBase.Vectors#IN_BACKGROUND} it returns once the articles
     * answer by BM25, their vectors following in the background.
     */
    public KnowledgeBase openSynced(KnowledgeBase.Vectors vectors) throws IOException {
        return open(Use.READ, vectors);
    }

    /** As {@link #openSynced()}, for a command about to answer questions: the embedding model loads meanwhile. */
    public KnowledgeBase openToAnswer() throws IOException {
        return open(Use.ANSWER, KnowledgeBase.Vectors.AWAIT);
    }

    /**
     * As {@link #openToAnswer()}, for the bot, which keeps the index in step and so must hold it. It answers by
     * BM25 at once; vectors are added in the background.
     */
    public KnowledgeBase openToServe() throws IOException {
        return open(Use.SERVE, KnowledgeBase.Vectors.IN_BACKGROUND);
    }

    private KnowledgeBase open(Use use, KnowledgeBase.Vectors vectors) throws IOException {
        validate();
        KnowledgeSettings settings = new KnowledgeSettings(articles, data);
        KnowledgeBase kb;
        try {
            kb = use == Use.READ
                    ? KnowledgeBase.open(settings, ChatModels.fromEnvironment().orElse(null))
                    : KnowledgeBase.openToAnswer(settings, ChatModels.fromEnvironment().orElse(null));
        } catch (IndexInUseException busy) {
            if (use == Use.SERVE) {
                throw busy;
            }
            kb = KnowledgeBase.openReadOnly(settings, ChatModels.fromEnvironment().orElse(null));
        }
        try {
            if (use != Use.READ) {
                kb.warmUp();
            }
            if (kb.readOnly()) {
                System.err.println(staleness(kb.check()));
            } else {
                SyncReport report = kb.sync(new ProgressBarListener(), vectors);
                Reports.printSkipped(report);
            }
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

    /** One line on an index another process keeps: whether the folder changed since it was written. */
    private String staleness(SyncReport pending) {
        String held = "note: another process holds the index in " + data.resolve("index") + "; reading it as"
                + " last written";
        if (!pending.changedAnything()) {
            return held + " (up to date with " + articles + ")";
        }
        return held + ", which is older than " + articles + ": " + pending.added() + " added, " + pending.changed()
                + " changed, " + pending.removed() + " removed since";
    }

    /**
     * Checks the folders before anything is opened, so a mistyped path gets one line, not a trace.
     *
     * @throws CommandLine.ParameterException when the articles folder is missing or the data folder is a file
     */
    public void validate() {
        if (!Files.isDirectory(articles)) {
            throw new CommandLine.ParameterException(command.commandLine(), Files.exists(articles)
                    ? "--articles " + articles + " is a file, not a folder of articles"
                    : "no articles folder at " + articles.toAbsolutePath() + "; pass --articles DIR");
        }
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--data " + data + " is a file; pass a folder (it is created when missing)");
        }
        Folders.requireWritable(command.commandLine(), "--data", data);
    }

    public Path articles() {
        return articles;
    }

    public Path data() {
        return data;
    }
}
