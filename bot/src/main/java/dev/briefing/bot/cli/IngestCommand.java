package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * Indexes the articles folder (only what changed) and prints a summary line. The articles answer by BM25 as soon
 * as they are read; by default the command then waits until every passage has its vector. It does not wait for
 * the sentences' vectors (several per passage, each embedded alone): it says how many wait, and the bot, or the
 * next command that opens the index for writing, embeds them in the background; until then the answerer embeds
 * a sentence when a question first reaches it.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Index the articles folder: new, changed and deleted files by content hash, with a progress bar. "
                + "Returns when every passage has its vector, unless --no-wait.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    KnowledgeOptions options;

    @Option(names = "--no-wait", description = "Return once the articles are searchable by keywords; the passages "
            + "still waiting for vectors are embedded by the next command or bot that opens the index.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        options.validate();
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(options.articles(), options.data()))) {
            SyncReport report = kb.sync(new ProgressBarListener(),
                    noWait ? KnowledgeBase.Vectors.IN_BACKGROUND : KnowledgeBase.Vectors.AWAIT);
            Reports.printSkipped(report);
            System.out.println(report.summary());
            int sentences = kb.pendingSentenceVectors();
            if (sentences > 0) {
                System.out.printf("%,d sentences wait for vectors; the bot embeds them in the background "
                        + "(answers embed a sentence meanwhile when a question first reaches it)%n", sentences);
            }
            return 0;
        }
    }
}
