package dev.briefing.knowledge.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An embedding model that loads on a background thread, so opening the index and hashing the article files
 * overlap the model's load (about 0.6 s for bge-small) instead of waiting for it. The first call waits.
 */
public final class BackgroundEmbeddingModel implements EmbeddingModel {

    private final CompletableFuture<EmbeddingModel> model;

    public BackgroundEmbeddingModel(Supplier<EmbeddingModel> loader) {
        this.model = CompletableFuture.supplyAsync(loader, r -> {
            Thread t = new Thread(r, "embedding-model-load");
            t.setDaemon(true);
            t.start();
        });
    }

    private EmbeddingModel model() {
        try {
            return model.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the embedding model could not be loaded: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return model().embedAll(segments);
    }

    @Override
    public Response<Embedding> embed(String text) {
        return model().embed(text);
    }

    @Override
    public int dimension() {
        return model().dimension();
    }
}
