package dev.briefing.knowledge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What each article file looked like when it was last hashed: its size, modification time and SHA-256, by article
 * id. A sync re-reads and hashes only the files whose size or modification time changed, as git does; the content
 * hash still decides what changed. Kept in a file beside the index, so a start does not hash every file again
 * (at 5,000 articles, reading and hashing them was most of a start's sync).
 *
 * <p>A stamp is written to the file only when the file's modification time is at least {@link #RACY} older than the
 * moment it was hashed: a second write within the same clock tick as the one hashed would keep both size and time,
 * so such a file is hashed again at the next start (the running process trusts it, as it did before stamps were
 * kept). A missing, damaged or other-version file just means every file is hashed, as before.
 */
final class FileStamps {

    private static final Logger LOG = LoggerFactory.getLogger(FileStamps.class);
    /** The file's first line; another first line means another format, and the file is ignored. */
    static final String HEADER = "# briefing file stamps 1: sha256 size modified-ns id";
    /** A file modified this close to when it was hashed is not trusted by the next start (file systems tick in up to 2 s). */
    static final Duration RACY = Duration.ofSeconds(2);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A file's size and modification time (in nanoseconds) when it hashed to {@code hash}. */
    record Stamp(long size, long modifiedNanos, String hash) {

        static Stamp of(BasicFileAttributes attrs, String hash) {
            return new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), hash);
        }

        boolean matches(BasicFileAttributes attrs) {
            return size == attrs.size() && modifiedNanos == attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        }
    }

    private final Path file;
    private final Map<String, Stamp> byId = new ConcurrentHashMap<>();
    /** Files modified within {@link #RACY} of being hashed: kept in memory, not saved. */
    private final Set<String> racy = ConcurrentHashMap.newKeySet();
    private volatile boolean changed;

    private FileStamps(Path file) {
        this.file = file;
    }

    /** The stamps saved in {@code file}; none when it is missing or not in this format. */
    static FileStamps load(Path file) {
        FileStamps stamps = new FileStamps(file);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                LOG.info("ignoring {}: not a file-stamps file of this version; every article file is hashed", file);
                return stamps;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 4);
                if (f.length == 4 && SHA256.matcher(f[0]).matches()) {
                    try {
                        stamps.byId.put(f[3], new Stamp(Long.parseLong(f[1]), Long.parseLong(f[2]), f[0]));
                    } catch (NumberFormatException e) {
                        // a damaged line: that file is hashed
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // first start, or an index rebuilt: every file is hashed
        } catch (IOException e) {
            LOG.info("ignoring {} ({}); every article file is hashed", file, e.toString());
        }
        return stamps;
    }

    Stamp get(String id) {
        return byId.get(id);
    }

    /** Records what a file hashed to at {@code hashedAt}. */
    void put(String id, Stamp stamp, Instant hashedAt) {
        if (stamp.modifiedNanos() >= nanos(hashedAt.minus(RACY))) {
            racy.add(id);
        } else {
            racy.remove(id);
        }
        if (!stamp.equals(byId.put(id, stamp))) {
            changed = true;
        }
    }

    private static long nanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    /** Forgets the files that are gone. */
    void retain(Set<String> ids) {
        racy.retainAll(ids);
        if (byId.keySet().retainAll(ids)) {
            changed = true;
        }
    }

    /**
     * Writes the stamps if they changed since the last save, leaving out those of files modified within {@link #RACY}
     * of being hashed; atomically, so a crash leaves the old file or the new one.
     */
    void save() throws IOException {
        if (!changed) {
            return;
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        byId.forEach((id, s) -> {
            if (!racy.contains(id) && id.indexOf('\n') < 0 && id.indexOf('\r') < 0) {
                out.append(s.hash()).append('\t').append(s.size()).append('\t').append(s.modifiedNanos())
                        .append('\t').append(id).append('\n');
            }
        });
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        changed = false;
    }
}
