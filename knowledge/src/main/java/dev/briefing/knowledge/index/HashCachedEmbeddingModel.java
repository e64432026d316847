package dev.briefing.knowledge.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.briefing.knowledge.embed.ContentHash;
import dev.briefing.knowledge.embed.EmbedsEachAlone;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An embedding model with a content-hash cache in front: a text is looked up by {@link ContentHash} in memory
 * (texts embedded or read from the index lately), then among the vectors the index holds (every embedded passage
 * and sentence), and only
 * the texts found in neither are embedded, together in one call so the model can batch them.
 */
final class HashCachedEmbeddingModel implements EmbeddingModel {

    /** Texts lately embedded or read from the index, kept in memory: 10,000 vectors of 384 floats is about 16 MB. */
    static final int RECENT = 10_000;

    private final EmbeddingModel model;
    private final Function<Set<String>, Map<String, float[]>> stored;
    private final Cache<String, float[]> recent = Caffeine.newBuilder().maximumSize(RECENT).build();

    /**
     * @param model the model that embeds what no cache holds
     * @param stored looks vectors up by content hash in the index
     */
    HashCachedEmbeddingModel(EmbeddingModel model, Function<Set<String>, Map<String, float[]>> stored) {
        this.model = model;
        this.stored = stored;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> hashes = segments.stream().map(s -> ContentHash.of(s.text())).toList();
        Map<String, float[]> found = cached(hashes);
        Map<String, TextSegment> missing = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            if (!found.containsKey(hashes.get(i))) {
                missing.putIfAbsent(hashes.get(i), segments.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> embedded = model.embedAll(new ArrayList<>(missing.values())).content();
            int i = 0;
            for (String h : missing.keySet()) {
                float[] v = embedded.get(i++).vector();
                found.put(h, v);
                recent.put(h, v);
            }
        }
        List<Embedding> out = new ArrayList<>(segments.size());
        for (String h : hashes) {
            out.add(Embedding.from(found.get(h).clone()));
        }
        return Response.from(out);
    }

    /**
     * Vectors of texts as documents, each text the model has to embed embedded alone (the quantized model scales
     * its activations per batch, so a text's vector would depend on its batch-mates): the same vectors as calling
     * {@link #embed(TextSegment)} on each, with one look-up in the index for all of them instead of one apiece.
     */
    List<float[]> embedEachAlone(List<String> texts) {
        List<String> hashes = texts.stream().map(ContentHash::of).toList();
        Map<String, float[]> found = cached(hashes);
        Map<String, TextSegment> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!found.containsKey(hashes.get(i))) {
                missing.putIfAbsent(hashes.get(i), TextSegment.from(texts.get(i)));
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> embedded = EmbedsEachAlone.eachAlone(model, new ArrayList<>(missing.values()));
            int i = 0;
            for (String h : missing.keySet()) {
                float[] v = embedded.get(i++).vector();
                found.put(h, v);
                recent.put(h, v);
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String h : hashes) {
            out.add(found.get(h).clone());
        }
        return out;
    }

    /**
     * The vectors memory or the index holds for these hashes, in one look-up in the index for all that memory
     * lacks. What the index returns is kept in memory too: a question's candidate sentences recur in the next
     * questions on the same story, and a hit in memory spares a term look-up in the index.
     */
    private Map<String, float[]> cached(List<String> hashes) {
        Map<String, float[]> found = new HashMap<>(recent.getAllPresent(hashes));
        if (found.size() < hashes.size()) {
            Set<String> rest = new java.util.HashSet<>(hashes);
            rest.removeAll(found.keySet());
            Map<String, float[]> fromIndex = stored.apply(rest);
            recent.putAll(fromIndex);
            found.putAll(fromIndex);
        }
        return found;
    }

    @Override
    public int dimension() {
        return model.dimension();
    }
}
