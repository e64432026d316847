package dev.briefing.bot.store;

import java.nio.file.Path;

/**
 * The database cannot be used as it is: unreadable, or empty although the last run left data in it. Start-up
 * stops rather than going on with an empty database; the file was copied to {@link #backup()} first.
 */
public final class DamagedStoreException extends IllegalStateException {

    private final transient Path backup;

    DamagedStoreException(String message, Path backup, Throwable cause) {
        super(message, cause);
        this.backup = backup;
    }

    /** Where the database (and its write-ahead log, if any) was copied; null when there was no file to copy. */
    public Path backup() {
        return backup;
    }
}
