package dev.briefing.knowledge;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The index cannot be opened the way it was asked for because another process holds it: for writing when
 * another process writes it, or for reading when that process has not committed a readable index yet.
 */
public final class IndexInUseException extends IOException {

    private final transient Path index;

    IndexInUseException(Path index, String message, Throwable cause) {
        super(message, cause);
        this.index = index;
    }

    /** The index folder. */
    public Path index() {
        return index;
    }
}
