package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The version of a day's summary inputs: a hash over the algorithm and the (id, content hash) of every
 * article of the day and of the day before. Adding, changing or removing an article of day D changes the
 * version of D, and of D+1 (whose "new since the day before" part reads D), and of no other day.
 */
public final class DayVersion {

    private DayVersion() {
    }

    /** A hex SHA-256 over the algorithm name and both days' articles, order-independent. */
    public static String of(String algorithm, List<Article> day, List<Article> dayBefore) {
        MessageDigest sha = sha256();
        sha.update(algorithm.getBytes(StandardCharsets.UTF_8));
        feed(sha, "day", day);
        feed(sha, "before", dayBefore);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void feed(MessageDigest sha, String label, List<Article> articles) {
        sha.update(("\n" + label + "\n").getBytes(StandardCharsets.UTF_8));
        articles.stream().sorted(Comparator.comparing(Article::id)).forEach(a ->
                sha.update((a.id() + "\t" + a.hash() + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
