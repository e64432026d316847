package dev.briefing.knowledge.summarize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content words and TF-IDF vectors for one day's sentences. Terms get ids in order of first sight, so
 * the same input always builds the same vectors.
 */
final class Terms {

    private static final Set<String> STOP = Set.of(
            "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
            "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her",
            "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "no", "not", "of", "on",
            "one", "or", "other", "our", "out", "over", "said", "says", "she", "should", "so", "some", "such",
            "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
            "up", "was", "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "you");

    private final Map<String, Integer> ids = new HashMap<>();
    private int[] documentFrequency = new int[256];
    private int documents;

    /** Lower-cased content words: letters and digits, stop words dropped, a plural 's' folded. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = lower.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && (Character.isLetterOrDigit(lower.charAt(i)))) {
                i++;
            }
            if (i > s) {
                String w = stem(lower.substring(s, i));
                if (w.length() > 1 && !STOP.contains(w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static String stem(String w) {
        // Folding plurals is enough for wire copies that say "protester" and "protesters".
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** Counts a sentence of the day toward document frequencies; returns its term ids (with repeats). */
    int[] add(String sentence) {
        int[] t = ids(sentence, true);
        documents++;
        int[] distinct = Arrays.stream(t).distinct().toArray();
        for (int id : distinct) {
            documentFrequency[id]++;
        }
        return t;
    }

    /** Term ids of a sentence; words never seen get fresh ids with document frequency 0. */
    int[] ids(String sentence, boolean grow) {
        List<String> toks = tokens(sentence);
        int[] out = new int[toks.size()];
        for (int k = 0; k < out.length; k++) {
            Integer id = ids.get(toks.get(k));
            if (id == null) {
                id = ids.size();
                ids.put(toks.get(k), id);
                if (id >= documentFrequency.length) {
                    documentFrequency = Arrays.copyOf(documentFrequency, documentFrequency.length * 2);
                }
            }
            out[k] = id;
        }
        return out;
    }

    /** Smoothed inverse document frequency, {@code ln((1 + N) / (1 + df)) + 1}; unseen words weigh most. */
    double idf(int id) {
        int df = id < documentFrequency.length ? documentFrequency[id] : 0;
        return Math.log((1.0 + documents) / (1.0 + df)) + 1.0;
    }

    /** A unit TF-IDF vector ({@code 1 + ln tf} times idf) of a bag of term ids. */
    Vector vector(int[] termIds) {
        int[] sorted = termIds.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        int[] keys = new int[sorted.length];
        double[] values = new double[sorted.length];
        for (int k = 0; k < sorted.length; ) {
            int j = k;
            while (j < sorted.length && sorted[j] == sorted[k]) {
                j++;
            }
            keys[distinct] = sorted[k];
            values[distinct] = (1 + Math.log(j - k)) * idf(sorted[k]);
            distinct++;
            k = j;
        }
        return Vector.of(Arrays.copyOf(keys, distinct), Arrays.copyOf(values, distinct)).unit();
    }
}
