package dev.briefing.bot.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Keeps the one current computed summary of each day, as an opaque document, by the version of its inputs. */
public interface SummaryStore {

    /** The stored summary of a day, only when it was computed from inputs of this version. */
    Optional<String> summary(LocalDate day, String version);

    /** Stores a day's summary, replacing the one of any other version. */
    void saveSummary(LocalDate day, String version, String document, Instant now);
}
