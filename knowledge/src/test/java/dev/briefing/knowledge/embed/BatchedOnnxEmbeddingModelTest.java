package dev.briefing.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched model against LangChain4j's own in-process bge-small, on the sample articles' paragraphs. */
class BatchedOnnxEmbeddingModelTest {

    private static BatchedOnnxEmbeddingModel batched;
    private static EmbeddingModel reference;

    @BeforeAll
    static void load() {
        batched = BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized();
        reference = new BgeSmallEnV15QuantizedEmbeddingModel();
    }


    private static List<TextSegment> paragraphs() throws Exception {
        List<TextSegment> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "articles"))) {
            for (Path f : files.sorted().toList()) {
                for (String p : Files.readString(f).split("\\n\\s*\\n")) {
                    if (p.strip().length() > 1) {
                        out.add(TextSegment.from(p.strip()));
                    }
                }
            }
        }
        return out;
    }

    private static double cosine(Embedding a, Embedding b) {
        double dot = 0;
        for (int i = 0; i < a.dimension(); i++) {
            dot += a.vector()[i] * b.vector()[i];
        }
        return dot;
    }

    @Test
    void batchesOfMixedLengthsGiveLangChain4jsVectorsInTheOrderAsked() throws Exception {
        // given paragraphs of every length, and one text longer than the model's 510 tokens
        List<TextSegment> texts = new ArrayList<>(paragraphs());
        texts.add(TextSegment.from(String.join(" ", texts.stream().limit(40).map(TextSegment::text).toList())));

        // when they are embedded in one call
        List<Embedding> vectors = batched.embedAll(texts).content();

        // then each paragraph is (up to per-batch quantization) the vector LangChain4j computes for it alone
        assertEquals(texts.size(), vectors.size());
        for (int i = 0; i < texts.size() - 1; i++) {
            double c = cosine(vectors.get(i), reference.embed(texts.get(i)).content());
            assertTrue(c > 0.98, "text " + i + " cosine " + c);
        }
        // and the long text, cut into parts at other token positions than LangChain4j's, is still close to it
        double longText = cosine(vectors.get(texts.size() - 1), reference.embed(texts.get(texts.size() - 1)).content());
        assertTrue(longText > 0.9, "long text cosine " + longText);
        assertEquals(384, batched.dimension());
    }

    @Test
    void eachAloneGivesEachTextTheVectorItGetsEmbeddedByItself() throws Exception {
        // given paragraphs of several lengths and one text cut into parts
        List<TextSegment> texts = new ArrayList<>(paragraphs().subList(0, 12));
        texts.add(TextSegment.from(String.join(" ", paragraphs().stream().limit(40).map(TextSegment::text).toList())));

        // when they are embedded each alone in one call, spread over the workers
        List<Embedding> alone = batched.embedEachAlone(texts);

        // then each is the vector of a call with that text alone, not one quantized with batch-mates
        assertEquals(texts.size(), alone.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(batched.embed(texts.get(i)).content().vector(), alone.get(i).vector(), 1e-6f, "text " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({
            // tokens, where "##" continuations sit, expected [from,to) parts
            "10, '', '0-10'",
            "510, '', '0-510'",
            "511, '', '0-510;510-511'",
            "1100, '', '0-510;510-1020;1020-1100'",
            "600, '510;509', '0-508;508-600'",
    })
    void longTextsAreCutAtWordBoundariesEvery510Tokens(int tokens, String continuations, String expected) {
        String[] t = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            t[i] = "w" + i;
        }
        if (!continuations.isEmpty()) {
            for (String c : continuations.split(";")) {
                t[Integer.parseInt(c)] = "##x";
            }
        }
        String parts = String.join(";", BatchedOnnxEmbeddingModel.parts(t).stream().map(p -> p[0] + "-" + p[1]).toList());
        assertEquals(expected, parts);
    }
}
