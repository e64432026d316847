package dev.briefing.bot.cli;

import dev.briefing.knowledge.SyncListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Path;

/** Shows indexing and embedding progress on stderr (stdout stays clean for answers and protocol lines). */
final class ProgressBarListener implements SyncListener {

    private ProgressBar bar;
    private ProgressBar vectors;

    @Override
    public void started(int filesToIndex) {
        if (filesToIndex == 0) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName("Indexing")
                .setInitialMax(filesToIndex)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" files", 1)
                .build();
    }

    @Override
    public void indexed(Path file) {
        if (bar != null) {
            bar.step();
            if (bar.getCurrent() >= bar.getMax()) {
                bar.close();
                bar = null;
            }
        }
    }

    @Override
    public void vectorsPending(int pending) {
        if (vectors == null) {
            if (pending == 0) {
                return;
            }
            vectors = new ProgressBarBuilder()
                    .setTaskName("Embedding")
                    .setInitialMax(pending)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUnit(" passages", 1)
                    .build();
        }
        if (vectors.getCurrent() + pending > vectors.getMax()) {
            vectors.maxHint(vectors.getCurrent() + pending); // more arrived while waiting
        }
        vectors.stepTo(vectors.getMax() - pending);
        if (pending == 0) {
            vectors.close();
            vectors = null;
        }
    }
}
