package dev.briefing.knowledge;

import java.nio.file.Path;

/** Hears the progress of a pass over the articles folder, for a progress bar. */
public interface SyncListener {

    /** Called once with the number of files that will be indexed (new or changed). */
    default void started(int filesToIndex) {
    }

    /** Called after each file is indexed or skipped. */
    default void indexed(Path file) {
    }

    /**
     * Called while a sync waits for vectors, about twice a second, with how many passages still wait; the first
     * call gives the backlog, the last 0 (unless the embedder failed).
     */
    default void vectorsPending(int pending) {
    }

    /** Listens to nothing. */
    SyncListener NONE = new SyncListener() {
    };
}
