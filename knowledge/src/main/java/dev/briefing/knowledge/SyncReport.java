package dev.briefing.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one pass over the articles folder changed in the index.
 *
 * @param added new files indexed
 * @param changed files whose content hash changed and were re-indexed
 * @param removed files gone from the folder and dropped from the index
 * @param unchanged files left as they were
 * @param articles articles in the index after the pass
 * @param passages passages in the index after the pass
 * @param skipped files that could not be read, each with the reason
 * @param took wall time of the pass
 * @param pendingVectors passages answerable by BM25 that still waited for their vector when the pass ended
 */
public record SyncReport(int added, int changed, int removed, int unchanged, int articles, int passages,
                         List<Skipped> skipped, Duration took, int pendingVectors) {

    public SyncReport {
        skipped = List.copyOf(skipped);
    }

    /** This report with another count of passages waiting for vectors and another wall time. */
    public SyncReport withPendingVectors(int pending, Duration took) {
        return new SyncReport(added, changed, removed, unchanged, articles, passages, skipped, took, pending);
    }

    /** Whether the pass changed anything a reader could see. */
    public boolean changedAnything() {
        return added + changed + removed > 0;
    }

    /** One line for a log or a terminal. */
    public String summary() {
        return String.format("%d articles, %d passages (%d added, %d changed, %d removed, %d unchanged), %d skipped, %.1fs%s",
                articles, passages, added, changed, removed, unchanged, skipped.size(), took.toMillis() / 1000.0,
                pendingVectors == 0 ? "" : ", " + pendingVectors + " passages wait for vectors");
    }

    /** A file left out, and why. */
    public record Skipped(Path file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }
}
