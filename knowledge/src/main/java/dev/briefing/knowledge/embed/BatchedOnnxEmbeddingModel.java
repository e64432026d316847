package dev.briefing.knowledge.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A BERT-style ONNX embedding model (the same model files LangChain4j's in-process models ship) that embeds a
 * list of texts in batches grouped by length, one thread per core.
 *
 * <p>Why not LangChain4j's {@code AbstractInProcessEmbeddingModel}: it runs each text alone (batch size 1) on an
 * executor with one thread per core, and each run starts ONNX's own intra-op threads, so on 2 cores four busy
 * threads fight over two. Here a call of several batches (passages, sentences) shares them between the caller's
 * thread and one helper per further core, ONNX running each batch on the thread that takes it, with no threads
 * of its own. Splitting each batch's operators over the cores instead (ONNX's intra-op pool) left a core idle
 * through every step too small to split, and cost more CPU for the same vectors. A call of one batch (a
 * question) runs on the caller's thread alone too: spreading it over the cores was slower, not faster, for a
 * question of 10 to 40 words (the 92 news questions, three times each, alternating, on 2 cores: p50 7.5 against
 * 8.1 ms, the slowest 12 to 15 against 15 to 20 ms), and it took the core that the question's BM25 search runs on
 * meanwhile. Texts are sorted by token count before batching, so a batch pads to nearly its own length and little
 * padding is computed.
 *
 * <p>Vectors match LangChain4j's for the same model: CLS (or mean) pooling, L2-normalised. The model quantizes
 * activations per batch, so a vector differs slightly from the batch-of-one vector (cosine above 0.98 on the
 * sample paragraphs, checked by a test). A text over {@value #MAX_TOKENS} tokens is cut into parts at word
 * boundaries, each part embedded and the parts averaged by token count, as LangChain4j does; its cut positions
 * differ by a token or two from LangChain4j's, which moves such a vector further (cosine 0.956 on a
 * 1,000-token text). Every vector in one index comes from this model, so they agree with one another.
 */
public final class BatchedOnnxEmbeddingModel implements EmbeddingModel, EmbedsEachAlone, AutoCloseable {

    /** BERT's 512 positions less [CLS] and [SEP], as LangChain4j cuts. */
    static final int MAX_TOKENS = 510;
    /**
     * Padded tokens per batch (rows x longest row). Small on purpose: a batch's activations must stay in the CPU's
     * cache. Measured on 2 cores (texts embedded per CPU-second, LangChain4j's one-text-at-a-time path about 94):
     * 8,192 tokens 71, 1,024 tokens 107, 512 tokens 104-125, 256 tokens 122 (with ONNX's intra-op pool, before
     * batches were shared between threads).
     */
    static final int BATCH_TOKENS = 512;
    /** At most this many rows per batch. */
    static final int BATCH_ROWS = 16;

    private final OrtEnvironment environment;
    /** Runs each batch on the calling thread alone; a call's batches are shared between threads. */
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final PoolingMode pooling;
    private final boolean typeIds;
    private final long cls;
    private final long sep;
    private final int dimension;
    /** Threads that help a caller run its batches: one per core beside the caller's own. */
    private final ExecutorService helperPool;
    private final int helperCount;

    private BatchedOnnxEmbeddingModel(byte[] model, InputStream tokenizerJson, PoolingMode pooling, int threads)
            throws OrtException, IOException {
        this.environment = OrtEnvironment.getEnvironment();
        this.session = session(model);
        AtomicInteger named = new AtomicInteger();
        this.helperCount = threads - 1;
        this.helperPool = Executors.newFixedThreadPool(Math.max(1, helperCount), r -> {
            Thread t = new Thread(r, "embedding-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false", "truncation", "false"));
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.typeIds = session.getInputNames().contains("token_type_ids");
        long[] specials = tokenizer.encode("", true, false).getIds();
        if (specials.length != 2) {
            throw new IllegalStateException("expected [CLS] [SEP] for the empty text, got " + specials.length + " ids");
        }
        this.cls = specials[0];
        this.sep = specials[1];
        this.dimension = run(session, List.of(new long[]{cls, sep})).get(0).length;
    }

    private OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // no intra-op pool: each batch runs on the thread that calls, and the helpers are the parallelism
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment.createSession(model, options);
        }
    }

    /**
     * Loads a model and its tokenizer from the class path (as LangChain4j's model artifacts ship them).
     *
     * @param modelResource e.g. {@code bge-small-en-v1.5-q.onnx}
     * @param tokenizerResource e.g. {@code bge-small-en-v1.5-q-tokenizer.json}
     * @param pooling CLS for bge, MEAN for all-MiniLM
     * @param threads the cores this model may use: the caller's thread and {@code threads - 1} helpers
     */
    public static BatchedOnnxEmbeddingModel fromClasspath(String modelResource, String tokenizerResource,
                                                          PoolingMode pooling, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("illegal threads " + threads + ", must be >= 1");
        }
        ClassLoader loader = BatchedOnnxEmbeddingModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(modelResource);
             InputStream tok = loader.getResourceAsStream(tokenizerResource)) {
            if (model == null || tok == null) {
                throw new IllegalStateException("model resources not on the class path: " + modelResource + ", " + tokenizerResource);
            }
            return new BatchedOnnxEmbeddingModel(model.readAllBytes(), tok, pooling, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + modelResource + " failed", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX could not load " + modelResource + ": " + e.getMessage(), e);
        }
    }

    /**
     * bge-small-en-v1.5, quantized (384 dimensions, CLS pooling), on every core of the machine: one instance per
     * JVM, loaded on first use (as LangChain4j's model class holds its model), so a second knowledge base in the
     * same process neither loads it again nor runs its sessions twice. Never close it.
     */
    public static BatchedOnnxEmbeddingModel bgeSmallEnV15Quantized() {
        return BgeSmall.MODEL;
    }

    private static final class BgeSmall {
        static final BatchedOnnxEmbeddingModel MODEL = fromClasspath("bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return embed(segments, false);
    }

    /**
     * Embeds each text in a batch of its own, as {@link #embed(TextSegment)} would one at a time (the model
     * quantizes activations per batch, so a text's vector depends on its batch-mates), the texts shared between
     * the caller's thread and the helpers.
     */
    @Override
    public List<Embedding> embedEachAlone(List<TextSegment> segments) {
        return embed(segments, true).content();
    }

    private Response<List<Embedding>> embed(List<TextSegment> segments, boolean alone) {
        // One row per part of a text: most texts are one part; long ones are cut as LangChain4j cuts them.
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Encoding e = tokenizer.encode(segments.get(i).text(), false, false);
            long[] ids = e.getIds();
            if (ids.length == 0) {
                throw new IllegalArgumentException("cannot embed empty or whitespace-only text (segment " + i + ")");
            }
            for (int[] part : parts(e.getTokens())) {
                long[] row = new long[part[1] - part[0] + 2];
                row[0] = cls;
                System.arraycopy(ids, part[0], row, 1, part[1] - part[0]);
                row[row.length - 1] = sep;
                rows.add(new Row(i, row, part[1] - part[0]));
            }
        }
        List<List<Row>> batches = alone ? byText(rows) : byLength(rows);
        List<List<float[]>> vectors = runAll(batches);
        float[][] sums = new float[segments.size()][];
        int[] weights = new int[segments.size()];
        int tokens = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<Row> batch = batches.get(b);
            for (int k = 0; k < batch.size(); k++) {
                Row r = batch.get(k);
                float[] v = vectors.get(b).get(k);
                if (sums[r.segment] == null) {
                    sums[r.segment] = new float[v.length];
                }
                for (int d = 0; d < v.length; d++) {
                    sums[r.segment][d] += v[d] * r.weight;
                }
                weights[r.segment] += r.weight;
                tokens += r.weight;
            }
        }
        List<Embedding> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            out.add(Embedding.from(normalize(sums[i], weights[i])));
        }
        return Response.from(out, new TokenUsage(tokens));
    }

    /** Rows sorted by length into batches of at most {@link #BATCH_TOKENS} padded tokens and {@link #BATCH_ROWS} rows. */
    private static List<List<Row>> byLength(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((Row r) -> r.ids.length));
        List<List<Row>> batches = new ArrayList<>();
        int from = 0;
        while (from < sorted.size()) {
            int to = from + 1;
            // rows are sorted, so the last row of a batch is its longest
            while (to < sorted.size() && to - from < BATCH_ROWS && (long) sorted.get(to).ids.length * (to - from + 1) <= BATCH_TOKENS) {
                to++;
            }
            batches.add(sorted.subList(from, to));
            from = to;
        }
        return batches;
    }

    /** One batch per text: its parts, as a call with that text alone would batch them. */
    private static List<List<Row>> byText(List<Row> rows) {
        Map<Integer, List<Row>> bySegment = new LinkedHashMap<>();
        for (Row r : rows) {
            bySegment.computeIfAbsent(r.segment, k -> new ArrayList<>()).add(r);
        }
        List<List<Row>> batches = new ArrayList<>();
        for (List<Row> own : bySegment.values()) {
            batches.addAll(byLength(own));
        }
        return batches;
    }

    /**
     * Runs the batches and returns their vectors in order. One batch runs on the caller's thread. Of several, the
     * caller's thread runs batches itself, and helpers from the pool take batches beside it as they become free; a
     * helper still queued when the caller runs out of batches is called off rather than waited for. So a question's
     * few sentences, embedded while the background embedder keeps the pool busy, never wait in the pool's queue
     * behind a window of passages.
     */
    private List<List<float[]>> runAll(List<List<Row>> batches) {
        if (batches.size() == 1) {
            return List.of(run(session, ids(batches.get(0))));
        }
        List<List<float[]>> out = new ArrayList<>(Collections.nCopies(batches.size(), null));
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(batches.size());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable drain = () -> {
            for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        out.set(b, run(session, ids(batches.get(b))));
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        while (helpers.size() < Math.min(helperCount, batches.size() - 1)) {
            helpers.add(helperPool.submit(drain));
        }
        drain.run();
        // every batch is taken now; a helper still queued never starts, one at work finishes its batch
        helpers.forEach(f -> f.cancel(false));
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return out;
    }

    private static List<long[]> ids(List<Row> batch) {
        return batch.stream().map(r -> r.ids).toList();
    }

    /** A text's part as model input: its segment, ids with [CLS]/[SEP], and its token count (the part's weight). */
    private record Row(int segment, long[] ids, int weight) {
    }

    /**
     * Cuts a token list into parts of at most {@link #MAX_TOKENS}, never before a word-piece continuation
     * ("##..."), as LangChain4j's {@code OnnxBertBiEncoder.partition} does. Returns [from, to) pairs.
     */
    static List<int[]> parts(String[] tokens) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        while (from < tokens.length) {
            int to = Math.min(from + MAX_TOKENS, tokens.length);
            if (to < tokens.length) {
                int cut = to;
                while (cut > from + 1 && tokens[cut].startsWith("##")) {
                    cut--;
                }
                to = cut;
            }
            out.add(new int[]{from, to});
            from = to;
        }
        return out;
    }

    private static float[] normalize(float[] sum, int weight) {
        double norm = 0;
        for (float x : sum) {
            double v = x / (double) weight;
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            out[d] = (float) (sum[d] / (double) weight / norm);
        }
        return out;
    }

    /** Runs one padded batch and pools each row. */
    private List<float[]> run(OrtSession on, List<long[]> batch) {
        int rows = batch.size();
        int length = batch.stream().mapToInt(r -> r.length).max().orElseThrow();
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] row = batch.get(r);
            System.arraycopy(row, 0, ids, r * length, row.length);
            java.util.Arrays.fill(mask, r * length, r * length + row.length, 1L);
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]), shape));
            }
            try (OrtSession.Result result = on.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] outShape = hidden.getInfo().getShape();
                int dim = (int) outShape[2];
                FloatBuffer values = hidden.getFloatBuffer();
                List<float[]> out = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    out.add(pool(values, r, length, batch.get(r).length, dim));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed on a batch of " + rows + " texts: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(FloatBuffer hidden, int row, int length, int used, int dim) {
        float[] v = new float[dim];
        int base = row * length * dim;
        if (pooling == PoolingMode.CLS) {
            hidden.get(base, v);
            return v;
        }
        for (int t = 0; t < used; t++) {
            for (int d = 0; d < dim; d++) {
                v[d] += hidden.get(base + t * dim + d);
            }
        }
        for (int d = 0; d < dim; d++) {
            v[d] /= used;
        }
        return v;
    }

    /** Frees the session of a model from {@link #fromClasspath}; the shared bge-small model must not be closed. */
    @Override
    public void close() throws OrtException {
        if (this == BgeSmall.MODEL) {
            throw new IllegalStateException("the shared bge-small model is never closed");
        }
        helperPool.shutdownNow();
        tokenizer.close();
        session.close();
    }
}
