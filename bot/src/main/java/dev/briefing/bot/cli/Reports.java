package dev.briefing.bot.cli;

import dev.briefing.knowledge.SyncReport;

/** How command-line tools tell the operator about an ingestion pass. */
final class Reports {

    private Reports() {
    }

    static void printSkipped(SyncReport report) {
        for (SyncReport.Skipped s : report.skipped()) {
            System.err.println("skipped " + s);
        }
    }
}
