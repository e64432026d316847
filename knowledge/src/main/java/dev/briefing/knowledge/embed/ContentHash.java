package dev.briefing.knowledge.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key a vector is cached under: the first 128 bits of the SHA-256 of a text's UTF-8 bytes, in hex. Equal
 * texts (wire copies, boilerplate, an unchanged paragraph of a changed article) get one key, so one vector.
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** The hash of {@code text}, 32 hex digits. */
    public static String of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
