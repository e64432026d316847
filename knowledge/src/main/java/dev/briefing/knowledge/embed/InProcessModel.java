package dev.briefing.knowledge.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.util.Locale;

/**
 * The in-process embedding models this project can run, and which one a process uses: bge-small-en-v1.5 (the
 * default) or all-MiniLM-L6-v2, both quantized, 384 dimensions, shipped by LangChain4j's model artifacts.
 * Experimental: {@code BRIEFING_EMBEDDER=all-minilm} (or {@code -Dbriefing.embedder=all-minilm}) picks MiniLM, to
 * measure it against bge-small; an index and an answer model are only valid for the model they were built with.
 */
public enum InProcessModel {
    /** bge-small-en-v1.5: CLS pooling, and an instruction before a question (as it was trained for retrieval). */
    BGE_SMALL_EN_V15_Q("bge-small", "bge-small-en-v1.5-q", PoolingMode.CLS,
            "Represent this sentence for searching relevant passages: "),
    /** all-MiniLM-L6-v2: mean pooling, no query instruction. */
    ALL_MINILM_L6_V2_Q("all-minilm", "all-minilm-l6-v2-q", PoolingMode.MEAN, "");

    private final String key;
    private final String resource;
    private final PoolingMode pooling;
    private final String queryInstruction;

    InProcessModel(String key, String resource, PoolingMode pooling, String queryInstruction) {
        this.key = key;
        this.resource = resource;
        this.pooling = pooling;
        this.queryInstruction = queryInstruction;
    }

    /** The model named by {@code briefing.embedder} or {@code BRIEFING_EMBEDDER}; bge-small when neither is set. */
    public static InProcessModel chosen() {
        String name = System.getProperty("briefing.embedder", System.getenv("BRIEFING_EMBEDDER"));
        if (name == null || name.isBlank()) {
            return BGE_SMALL_EN_V15_Q;
        }
        for (InProcessModel m : values()) {
            if (m.key.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("illegal embedder " + name + ", must be bge-small or all-minilm");
    }

    /** What goes before a question when it is embedded to search passages ("" for none). */
    public String queryInstruction() {
        return queryInstruction;
    }

    /** The batched model, one per JVM, loaded on first use; never close it. */
    public BatchedOnnxEmbeddingModel batched() {
        return this == BGE_SMALL_EN_V15_Q ? BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized() : MiniLm.MODEL;
    }

    private static final class MiniLm {
        static final BatchedOnnxEmbeddingModel MODEL = BatchedOnnxEmbeddingModel.fromClasspath(
                ALL_MINILM_L6_V2_Q.resource + ".onnx", ALL_MINILM_L6_V2_Q.resource + "-tokenizer.json",
                ALL_MINILM_L6_V2_Q.pooling, Runtime.getRuntime().availableProcessors());
    }
}
