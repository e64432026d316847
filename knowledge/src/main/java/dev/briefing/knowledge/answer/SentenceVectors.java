package dev.briefing.knowledge.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Embeddings of candidate sentences, computed when a question first needs them and kept by text, so a
 * sentence is embedded once however many questions read it and whatever article copies it. Bounded: at
 * 384 floats a sentence, {@value #CAPACITY} sentences take about 31 MB.
 */
public final class SentenceVectors {

    static final int CAPACITY = 20_000;

    private final Function<List<String>, List<float[]>> embedder;
    private final Cache<String, float[]> cache = Caffeine.newBuilder().maximumSize(CAPACITY).build();

    /** @param embedder embeds texts as documents (no query instruction), in one batch */
    public SentenceVectors(Function<List<String>, List<float[]>> embedder) {
        this.embedder = embedder;
    }

    /** One vector per text, in order; the texts not seen before are embedded in one batch. */
    List<float[]> of(List<String> texts) {
        Map<String, float[]> found = new HashMap<>(cache.getAllPresent(texts));
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeAll(found.keySet());
        if (!missing.isEmpty()) {
            List<float[]> vectors = embedder.apply(missing);
            for (int i = 0; i < missing.size(); i++) {
                found.put(missing.get(i), vectors.get(i));
                cache.put(missing.get(i), vectors.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(found.get(t)));
        return out;
    }
}
