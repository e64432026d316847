package dev.briefing.bot.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * A small file beside the database, {@code briefing.db.marker}, recording what the database held when it was
 * last open: its subscriptions and digest rows (summaries are a cache and do not count). If the database is
 * later found empty or unreadable while the marker says it held data, start-up stops instead of starting empty.
 *
 * <p>It lives beside the database, not in the index folder, because the index is derived data that is deleted
 * and rebuilt, and an operator may wipe it to force a re-index; the marker must last exactly as long as the
 * database's own folder. It cannot live in the database, whose loss is what it detects.
 */
final class DataMarker {

    /** The marker's file name, beside {@link JdbcStore#FILE}. */
    static final String FILE = JdbcStore.FILE + ".marker";

    /** What the database held. */
    record Held(long subscriptions, long digests) {
        Held {
            if (subscriptions < 0 || digests < 0) {
                throw new IllegalArgumentException("illegal counts " + subscriptions + "/" + digests + ", must be >= 0");
            }
        }

        boolean any() {
            return subscriptions > 0 || digests > 0;
        }

        @Override
        public String toString() {
            return subscriptions + " subscriptions and " + digests + " digest records";
        }
    }

    private final Path file;

    DataMarker(Path data) {
        this.file = data.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /**
     * What the marker says, if there is one. A marker that cannot be read counts as one saying "held data", the
     * safe side.
     */
    Optional<Held> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new Held(Long.parseLong(p.getProperty("subscriptions", "1").strip()),
                    Long.parseLong(p.getProperty("digests", "1").strip())));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Held(1, 1));
        }
    }

    /** Replaces the marker atomically, so a crash leaves the old one or the new one. */
    void write(Held held) {
        Properties p = new Properties();
        p.setProperty("subscriptions", Long.toString(held.subscriptions()));
        p.setProperty("digests", Long.toString(held.digests()));
        try {
            StringWriter text = new StringWriter();
            p.store(text, "What " + JdbcStore.FILE + " held when it was last open. If the database is found empty or"
                    + " unreadable while this says it held data, start-up stops. Delete this file to start with an"
                    + " empty database on purpose.");
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(text.toString());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
