package dev.briefing.knowledge.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * WordNet's direct antonyms ("horizontal" and "vertical", "increase" and "decrease"), as stems of the index's
 * analyzer. A sentence that says "vertical" where the question says "horizontal" looks like an answer to word
 * overlap and to a bi-encoder, and is not one.
 *
 * <p>The pairs are WordNet 3.1's, with the adjectives' comparatives and superlatives ("weaker" and "stronger"), which
 * the stemmer leaves as they are. {@code knowledge/scripts/wordnet-antonyms.py} writes them into {@value #RESOURCE}:
 * the whole WordNet would add 11 MB to the jar for a table of 170 KB.
 */
final class Antonyms {

    static final String RESOURCE = "antonyms.tsv";
    private static final List<String[]> PAIRS = readPairs();

    private final Map<String, Set<String>> byStem;

    private Antonyms(Map<String, Set<String>> byStem) {
        this.byStem = byStem;
    }

    /**
     * The table as the analyzer stems its words. A word the analyzer drops (a stop word such as "no") or a pair
     * that stems to one stem ("close" the verb and "close" the adjective) leaves no entry.
     */
    static Antonyms of(Function<String, List<String>> analyze) {
        Map<String, Set<String>> byStem = new HashMap<>();
        for (String[] pair : PAIRS) {
            List<String> a = analyze.apply(pair[0]);
            List<String> b = analyze.apply(pair[1]);
            if (a.size() != 1 || b.size() != 1 || a.get(0).equals(b.get(0))) {
                continue;
            }
            byStem.computeIfAbsent(a.get(0), k -> new HashSet<>()).add(b.get(0));
            byStem.computeIfAbsent(b.get(0), k -> new HashSet<>()).add(a.get(0));
        }
        return new Antonyms(byStem);
    }

    /**
     * Whether the sentence holds the antonym of a question's stem that it lacks, where the question lacks that
     * antonym itself ("Who introduces a public bill?" against "Any member may introduce a private bill").
     *
     * @param question the stems of the question itself: not of a quiz question's lead, whose "more than 50 days"
     *                 says nothing against a sentence's "less than $4"
     */
    boolean contradicts(Set<String> question, Set<String> sentence) {
        for (String q : question) {
            if (sentence.contains(q)) {
                continue;
            }
            for (String opposite : byStem.getOrDefault(q, Collections.emptySet())) {
                if (sentence.contains(opposite) && !question.contains(opposite)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String[]> readPairs() {
        try (InputStream in = Antonyms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the antonym table " + RESOURCE + " is missing from the jar");
            }
            List<String[]> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\t"));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the antonym table failed", e);
        }
    }
}
