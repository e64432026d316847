package dev.briefing.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.List;

/**
 * An embedding model that embeds several texts each in a batch of its own, side by side: each text gets the vector
 * it gets embedded by itself (the quantized model scales activations per batch), without waiting for the one before.
 * A model that wraps another (loading it in the background, say) implements this by forwarding, so the wrapped
 * model's way is not lost behind the wrapper.
 */
public interface EmbedsEachAlone {

    /** The texts' vectors, in order, each as the text alone would get it. */
    List<Embedding> embedEachAlone(List<TextSegment> segments);

    /** Embeds each text alone with any model: side by side when it can, else one call apiece. */
    static List<Embedding> eachAlone(EmbeddingModel model, List<TextSegment> segments) {
        if (model instanceof EmbedsEachAlone sideBySide) {
            return sideBySide.embedEachAlone(segments);
        }
        return segments.stream().map(t -> model.embedAll(List.of(t)).content().get(0)).toList();
    }
}
