package dev.briefing.knowledge.index;

import dev.briefing.knowledge.embed.EmbedsEachAlone;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An embedding model that loads on a background thread once {@link #start() started}, so opening the index and
 * hashing the article files overlap the model's load (about 0.6 s for bge-small) instead of waiting for it. The
 * first call starts the load if nobody has and waits for it; a process that never embeds never loads it.
 *
 * <p>The load runs native code (onnxruntime's {@code OrtSession.createSession}), which cannot be interrupted, and
 * the JVM crashes with SIGSEGV when it exits while that call runs. So {@link #close()} waits for a load in
 * progress, and until the load has finished a shutdown hook does the same for a JVM that exits without closing
 * (System.exit on an error, SIGTERM during start-up).
 */
public final class BackgroundEmbeddingModel implements EmbeddingModel, EmbedsEachAlone, AutoCloseable {

    private final Supplier<EmbeddingModel> loader;
    private CompletableFuture<EmbeddingModel> model;
    private boolean closed;

    public BackgroundEmbeddingModel(Supplier<EmbeddingModel> loader) {
        this.loader = loader;
    }

    /** Starts loading the model in the background, if nobody has yet; returns at once. */
    public synchronized void start() {
        if (model != null) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the embedding model is closed");
        }
        CompletableFuture<EmbeddingModel> loading = new CompletableFuture<>();
        Thread exitGuard = new Thread(() -> loading.handle((m, e) -> m).join(), "embedding-model-exit-guard");
        Runtime.getRuntime().addShutdownHook(exitGuard);
        Thread t = new Thread(() -> {
            try {
                loading.complete(loader.get());
            } catch (Throwable e) {
                loading.completeExceptionally(e);
            } finally {
                removeQuietly(exitGuard);
            }
        }, "embedding-model-load");
        t.setDaemon(true);
        model = loading;
        t.start();
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and the hook is running: it returns now that the load is over
        }
    }

    private EmbeddingModel model() {
        CompletableFuture<EmbeddingModel> loading;
        synchronized (this) {
            start();
            loading = model;
        }
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the embedding model could not be loaded: " + e.getCause(), e.getCause());
        }
    }

    /** Whether the load has been started (by {@link #start()} or a first call). */
    public synchronized boolean started() {
        return model != null;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return model().embedAll(segments);
    }

    /** Each text alone, as the loaded model does it: side by side when it can. */
    @Override
    public List<Embedding> embedEachAlone(List<TextSegment> segments) {
        return EmbedsEachAlone.eachAlone(model(), segments);
    }

    @Override
    public Response<Embedding> embed(String text) {
        return model().embed(text);
    }

    @Override
    public int dimension() {
        return model().dimension();
    }

    /** Waits for a load in progress to finish (it cannot be cancelled part-way); later calls fail. */
    @Override
    public void close() {
        CompletableFuture<EmbeddingModel> loading;
        synchronized (this) {
            closed = true;
            loading = model;
        }
        if (loading != null) {
            loading.handle((m, e) -> m).join();
        }
    }
}
