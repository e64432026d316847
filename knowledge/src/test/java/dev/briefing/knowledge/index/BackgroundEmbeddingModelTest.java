package dev.briefing.knowledge.index;

import dev.briefing.knowledge.embed.EmbedsEachAlone;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The background load of the embedding model: it starts only when asked for, and close waits for a load in
 * progress, because the JVM crashes (SIGSEGV in onnxruntime) when it exits during the native load.
 */
class BackgroundEmbeddingModelTest {

    /** A stand-in for bge-small: three dimensions, every text the same vector. */
    private static final EmbeddingModel LOADED = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> Embedding.from(new float[]{1, 0, 0})).toList());
        }

        @Override
        public int dimension() {
            return 3;
        }
    };

    @Test
    void aModelNobodyUsesIsNeverLoaded() {
        // given
        AtomicInteger loads = new AtomicInteger();
        BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(counting(loads));
        // when
        model.close();
        // then
        assertEquals(0, loads.get());
        assertFalse(model.started());
    }

    @Test
    void theFirstCallLoadsTheModelOnce() {
        // given
        AtomicInteger loads = new AtomicInteger();
        try (BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(counting(loads))) {
            // when
            model.embed("one");
            model.embed("two");
            // then
            assertEquals(1, loads.get());
            assertEquals(3, model.dimension());
        }
    }

    @Test
    void embeddingEachTextAloneReachesTheLoadedModelsSideBySideWay() {
        // given a loaded model that embeds texts each alone side by side, and counts how it is called
        AtomicInteger sideBySide = new AtomicInteger();
        AtomicInteger oneByOne = new AtomicInteger();
        class SideBySide implements EmbeddingModel, EmbedsEachAlone {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                oneByOne.incrementAndGet();
                return LOADED.embedAll(segments);
            }

            @Override
            public List<Embedding> embedEachAlone(List<TextSegment> segments) {
                sideBySide.incrementAndGet();
                return LOADED.embedAll(segments).content();
            }
        }
        try (BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(SideBySide::new)) {
            // when
            List<Embedding> out = EmbedsEachAlone.eachAlone(model, List.of(TextSegment.from("a"), TextSegment.from("b")));
            // then: one side-by-side call through the wrapper, not one call per text
            assertEquals(2, out.size());
            assertEquals(1, sideBySide.get());
            assertEquals(0, oneByOne.get());
        }
    }

    @Test
    void aModelWithoutASideBySideWayEmbedsEachTextInACallOfItsOwn() {
        AtomicInteger calls = new AtomicInteger();
        EmbeddingModel plain = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                calls.incrementAndGet();
                assertEquals(1, segments.size());
                return LOADED.embedAll(segments);
            }
        };
        try (BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(() -> plain)) {
            List<Embedding> out = EmbedsEachAlone.eachAlone(model, List.of(TextSegment.from("a"), TextSegment.from("b")));
            assertEquals(2, out.size());
            assertEquals(2, calls.get());
        }
    }

    @Test
    void closeWaitsForALoadInProgress() throws Exception {
        // given a load that is inside the loader
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(() -> {
            entered.countDown();
            awaitQuietly(release);
            finished.set(true);
            return LOADED;
        });
        model.start();
        entered.await();
        // when close is called while it runs
        AtomicBoolean finishedWhenClosed = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            model.close();
            finishedWhenClosed.set(finished.get());
        });
        closer.start();
        while (closer.getState() != Thread.State.WAITING && closer.isAlive()) {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join();
        // then close returned only after the load had finished
        assertTrue(finishedWhenClosed.get());
    }

    @Test
    void aClosedModelThatNeverLoadedRefusesToStart() {
        BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(() -> LOADED);
        model.close();
        assertThrows(IllegalStateException.class, () -> model.embed("late"));
    }

    @Test
    void aFailedLoadIsReportedToTheCallerAndCloseStillReturns() {
        try (BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(() -> {
            throw new IllegalStateException("no model file");
        })) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.embed("x"));
            assertTrue(e.getMessage().contains("no model file"), e.getMessage());
        }
    }

    private static Supplier<EmbeddingModel> counting(AtomicInteger loads) {
        return () -> {
            loads.incrementAndGet();
            return LOADED;
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
