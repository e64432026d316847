package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of article files: lists them with their content hashes and reads one into an {@link Article},
 * or says plainly why it cannot (binary, empty, not UTF-8, too large, malformed).
 */
public final class ArticleFolder {

    /** Larger files are not news articles (and would dominate memory); 5 MiB holds any real article. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    private static final Map<String, ArticleReader> READERS = Map.of(
            "txt", new PlainTextReader(),
            "md", new PlainTextReader(),
            "markdown", new PlainTextReader(),
            "html", new HtmlReader(),
            "htm", new HtmlReader(),
            "json", new JsonReader());

    private final Path root;

    public ArticleFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every article file below the folder, sorted by path; hidden files and folders are left out. */
    public List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(root.relativize(p)))
                    .filter(p -> READERS.containsKey(extension(p)))
                    .sorted()
                    .toList();
        }
    }

    /** The stable id of a file: its path relative to the folder, with '/' separators ("a.txt" and "a.md" differ). */
    public String idOf(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /**
     * How files are read into articles (blocks, debris, title, date, passages). It is part of each article's
     * {@linkplain #articleHash hash}, so a version that reads files differently re-reads every file once at the
     * next sync; a passage whose text came out the same keeps its vector, which is found by the text's hash.
     */
    static final String READING = "9";

    /** The hash an article read from a file of this content hash carries: the content's and the reading's. */
    public static String articleHash(String fileHash) {
        return fileHash + "/" + READING;
    }

    /** SHA-256 of the bytes, in hex. */
    public static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Reads one file into an article, checking it is a sane text file first. */
    public Article read(Path file, byte[] bytes) throws UnreadableArticleException {
        if (bytes.length == 0) {
            throw new UnreadableArticleException("empty file");
        }
        if (bytes.length > MAX_BYTES) {
            throw new UnreadableArticleException("too large (" + bytes.length / 1024 + " KiB, at most " + MAX_BYTES / 1024 + " KiB)");
        }
        String text = decode(bytes);
        if (text.isBlank()) {
            throw new UnreadableArticleException("only whitespace");
        }
        ArticleReader reader = READERS.get(extension(file));
        if (reader == null) {
            throw new UnreadableArticleException("not an article file type (.txt, .md, .html, .json)");
        }
        return reader.read(idOf(file), text, articleHash(hash(bytes)));
    }

    private static String decode(byte[] bytes) throws UnreadableArticleException {
        int controls = 0;
        for (byte b : bytes) {
            if (b == 0) {
                throw new UnreadableArticleException("binary file (NUL bytes)");
            }
            if (b > 0 && b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                controls++;
            }
        }
        if (controls > bytes.length / 100 + 8) {
            throw new UnreadableArticleException("binary file (" + controls + " control characters)");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new UnreadableArticleException(String.format(Locale.ROOT,
                    "not UTF-8 text: line %d holds byte 0x%02X, which no UTF-8 character has there; save the file as UTF-8",
                    line, at < bytes.length ? bytes[at] & 0xFF : 0));
        }
        String s = out.flip().toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isHidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
