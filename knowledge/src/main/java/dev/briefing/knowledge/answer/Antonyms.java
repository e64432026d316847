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
 * the whole WordNet would add 11 MB to the jar for a table of 173 KB.
 */
final class Antonyms {

    static final String RESOURCE = "antonyms.tsv";
    private static final List<String[]> PAIRS = readPairs();

    private final Map<String, Set<String>> byStem;

    private Antonyms(Map<String, Set<String>> byStem) {
        this.byStem = byStem;
    }

    /**
     * The table as the analyzer stems its words and their regular inflections: Porter stems "succeed" to "succe"
     * but "succeeded" to "succeed", so each side of a pair stands for the stems of all its forms. A word the
     * analyzer drops (a stop word such as "no") leaves no entry, and a stem both sides share ("close" the verb and
     * "close" the adjective) is no one's antonym.
     */
    static Antonyms of(Function<String, List<String>> analyze) {
        Map<String, Set<String>> byStem = new HashMap<>();
        for (String[] pair : PAIRS) {
            String pos = pair.length > 2 ? pair[2] : "";
            Set<String> a = stems(forms(pair[0], pos), analyze);
            Set<String> b = stems(forms(pair[1], pos), analyze);
            Set<String> shared = new HashSet<>(a);
            shared.retainAll(b);
            a.removeAll(shared);
            b.removeAll(shared);
            for (String x : a) {
                byStem.computeIfAbsent(x, k -> new HashSet<>()).addAll(b);
            }
            for (String y : b) {
                byStem.computeIfAbsent(y, k -> new HashSet<>()).addAll(a);
            }
        }
        return new Antonyms(byStem);
    }

    /**
     * A word with the regular inflections of its part of speech: a noun's plural, a verb's -s, -ed and -ing. A form
     * English does not have ("closees") is harmless: no text holds it.
     */
    static List<String> forms(String word, String pos) {
        List<String> out = new ArrayList<>(List.of(word));
        if (!pos.equals("n") && !pos.equals("v")) {
            return out;
        }
        boolean consonantY = word.length() > 2 && word.endsWith("y") && "aeiou".indexOf(word.charAt(word.length() - 2)) < 0;
        String yToI = consonantY ? word.substring(0, word.length() - 1) + "i" : word;
        out.add(word + "s");
        out.add(yToI + "es");
        if (pos.equals("v")) {
            String bare = word.endsWith("e") ? word.substring(0, word.length() - 1) : yToI;
            out.add(bare + "ed");
            out.add(word.endsWith("e") ? bare + "ing" : word + "ing");
        }
        return out;
    }

    private static Set<String> stems(List<String> words, Function<String, List<String>> analyze) {
        Set<String> out = new HashSet<>();
        for (String w : words) {
            List<String> stems = analyze.apply(w);
            if (stems.size() == 1) {
                out.add(stems.get(0));
            }
        }
        return out;
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
