package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Indexes the articles folder (only what changed) and prints a summary line. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Index the articles folder: new, changed and deleted files by content hash, with a progress bar.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    KnowledgeOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(options.articles(), options.data()))) {
            SyncReport report = kb.sync(new ProgressBarListener());
            Reports.printSkipped(report);
            System.out.println(report.summary());
            return 0;
        }
    }
}
