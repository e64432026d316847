package dev.briefing.bot.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system chores the commands share. */
public final class Folders {

    private Folders() {
    }

    /** Deletes a folder and everything in it, deepest first. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Creates a data folder when missing, so that one that cannot be made or written to gets one line naming the
     * option, before anything is opened.
     *
     * @throws CommandLine.ParameterException when the folder cannot be created or written to
     */
    public static void requireWritable(CommandLine commandLine, String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(commandLine, option + " " + dir + " cannot be created ("
                    + reason(e) + "); pass a folder this user can write");
        }
        if (!Files.isWritable(dir)) {
            throw new CommandLine.ParameterException(commandLine,
                    option + " " + dir + " is not writable; pass a folder this user can write");
        }
    }

    /** Why a folder could not be made, in words: the system's reason where it gives one ("Not a directory"). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }
}
