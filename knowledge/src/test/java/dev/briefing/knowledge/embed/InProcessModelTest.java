package dev.briefing.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which in-process model a process uses, and MiniLM's batched vectors against LangChain4j's own. */
class InProcessModelTest {

    @AfterEach
    void clear() {
        System.clearProperty("briefing.embedder");
    }

    @Test
    void bgeSmallUnlessAnotherIsNamed() {
        // given no choice (the tests' environment sets no BRIEFING_EMBEDDER), then bge-small with its instruction
        assertEquals(InProcessModel.BGE_SMALL_EN_V15_Q, InProcessModel.chosen());
        assertEquals("Represent this sentence for searching relevant passages: ",
                InProcessModel.chosen().queryInstruction());

        // when MiniLM is named, then MiniLM, which takes no instruction
        System.setProperty("briefing.embedder", " All-MiniLM ");
        assertEquals(InProcessModel.ALL_MINILM_L6_V2_Q, InProcessModel.chosen());
        assertEquals("", InProcessModel.chosen().queryInstruction());
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        System.setProperty("briefing.embedder", "e5-small");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, InProcessModel::chosen);
        assertEquals("illegal embedder e5-small, must be bge-small or all-minilm", e.getMessage());
    }

    @Test
    void batchedMiniLmGivesLangChain4jsVectors() throws Exception {
        // given the sample articles' paragraphs
        List<TextSegment> texts = BatchedOnnxEmbeddingModelTest.paragraphs();
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();

        // when they are embedded in batches by the shared MiniLM model
        List<Embedding> vectors = InProcessModel.ALL_MINILM_L6_V2_Q.batched().embedAll(texts).content();

        // then each is (up to per-batch quantization, which moves MiniLM a little more than bge-small: lowest
        // cosine 0.968 here) the mean-pooled vector LangChain4j computes for it alone
        assertEquals(384, vectors.get(0).dimension());
        for (int i = 0; i < texts.size(); i++) {
            float[] a = vectors.get(i).vector();
            float[] b = reference.embed(texts.get(i)).content().vector();
            double dot = 0;
            for (int d = 0; d < a.length; d++) {
                dot += a[d] * b[d];
            }
            assertTrue(dot > 0.96, "text " + i + " cosine " + dot);
        }
    }
}
