/**
 * Embedding: turning passages (and questions, and any text) into vectors, as fast as the machine allows.
 * {@link dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel} is a LangChain4j {@code EmbeddingModel} that runs
 * length-grouped batches on one ONNX session, one thread per core; {@link dev.briefing.knowledge.embed.ContentHash}
 * is the key vectors are cached under.
 */
package dev.briefing.knowledge.embed;
