package dev.briefing.knowledge.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real embedding model behind a gate that a test opens, and a record of every text it was asked to embed. Lets
 * a test see the index before the background embedder has run, and count what was (not) embedded again. Only the
 * background embedder waits at the gate (or the texts {@link #holding} names): questions are embedded at once, as they
 * are while passages embed.
 */
public final class GatedEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel model;
    private final CountDownLatch gate;
    /** Whether a call waits at the gate. */
    private final Predicate<List<TextSegment>> held;
    private volatile boolean aborted;
    /** Backlog calls let through before the rest fail as aborted; -1 for no limit. */
    private final java.util.concurrent.atomic.AtomicInteger passes;
    private final List<String> embedded = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> backlogCalls = Collections.synchronizedList(new ArrayList<>());

    private GatedEmbeddingModel(EmbeddingModel model, boolean open) {
        this(model, open, -1);
    }

    private GatedEmbeddingModel(EmbeddingModel model, boolean open, int passes) {
        this(model, open, passes, segments -> Thread.currentThread().getName().equals(VectorBacklog.THREAD));
    }

    private GatedEmbeddingModel(EmbeddingModel model, boolean open, int passes, Predicate<List<TextSegment>> held) {
        this.model = model;
        this.gate = new CountDownLatch(open ? 0 : 1);
        this.passes = new java.util.concurrent.atomic.AtomicInteger(passes);
        this.held = held;
    }

    /**
     * Lets the background embedder's first {@code windows} calls through and fails the later ones, as a process
     * stopped part-way through the backlog would leave it.
     */
    public static GatedEmbeddingModel failingAfter(EmbeddingModel model, int windows) {
        return new GatedEmbeddingModel(model, true, windows);
    }

    /** Embeds at once, recording the texts. */
    public static GatedEmbeddingModel open(EmbeddingModel model) {
        return new GatedEmbeddingModel(model, true);
    }

    /** Holds every call until {@link #release()} (or fails it on {@link #abort()}). */
    public static GatedEmbeddingModel closed(EmbeddingModel model) {
        return new GatedEmbeddingModel(model, false);
    }

    /** Holds the calls that embed a text starting so until {@link #release()}; the others embed at once. */
    public static GatedEmbeddingModel holding(EmbeddingModel model, String start) {
        return new GatedEmbeddingModel(model, false, -1, segments -> segments.stream().anyMatch(s -> s.text().startsWith(start)));
    }

    public void release() {
        gate.countDown();
    }

    /** Makes held and later calls fail, as an embedder cut off by a crash would leave its passages without vectors. */
    public void abort() {
        aborted = true;
        gate.countDown();
    }

    /** How many texts each of the background embedder's calls embedded so far, in order. */
    public List<Integer> backlogCalls() {
        return List.copyOf(backlogCalls);
    }

    /** Every text embedded so far, in order. */
    public List<String> embedded() {
        return List.copyOf(embedded);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        try {
            if (held.test(segments) && !gate.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
        if (Thread.currentThread().getName().equals(VectorBacklog.THREAD) && passes.get() >= 0
                && passes.getAndDecrement() <= 0) {
            aborted = true;
        }
        if (aborted && Thread.currentThread().getName().equals(VectorBacklog.THREAD)) {
            throw new IllegalStateException("embedding aborted by the test");
        }
        segments.forEach(s -> embedded.add(s.text()));
        if (Thread.currentThread().getName().equals(VectorBacklog.THREAD)) {
            backlogCalls.add(segments.size());
        }
        return model.embedAll(segments);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }
}
