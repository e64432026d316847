package dev.briefing.knowledge.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedModelWeighsEveryFeatureOfThisBuild() {
        // when
        SentenceModel m = SentenceModel.shipped();
        // then
        assertEquals(SentenceModel.VERSION, m.version());
        assertEquals(Features.NAMES.size(), m.ranker().contributions(new double[Features.NAMES.size()]).length);
        assertTrue(m.cutoff() > 0 && m.cutoff() < 1, "cut-off " + m.cutoff());
        assertTrue(m.provenance().path("crossValidation").path("heldOut").has("squad"), m.provenance().toString());
    }

    @Test
    void anExplanationsPartsAddUpToTheSentencesScoreAndToTheDecision() {
        // given
        SentenceModel m = SentenceModel.shipped();
        double[] f = new double[Features.NAMES.size()];
        Arrays.fill(f, 0.5);
        double[] x = SentenceModel.calibration(new double[] {m.logit(f), 0.5}, List.of(f, f), 0.25);
        // when
        Explanation e = m.explain("A sentence.", f, x);
        // then the sentence's score, feature by feature
        Explanation.Score score = e.score();
        assertEquals(m.logit(f), score.logit(), 1e-9);
        assertEquals(score.logit(), score.base() + sum(score), 1e-9);
        assertEquals(Features.NAMES.size(), score.parts().size());
        assertTrue(Math.abs(score.parts().get(0).contribution()) >= Math.abs(score.parts().get(1).contribution()));
        // and the decision, input by input, whose log-odds gives the probability
        Explanation.Score decision = e.decision();
        assertEquals(decision.logit(), decision.base() + sum(decision), 1e-9);
        assertEquals(SentenceModel.CALIBRATION.size(), decision.parts().size());
        assertEquals(0.25, decision.parts().stream().filter(p -> p.feature().equals("lead_over_runner_up"))
                .findFirst().orElseThrow().value());
        assertEquals(1 / (1 + Math.exp(-decision.logit())), e.probability(), 1e-12);
        assertEquals(m.calibrator().probability(x), e.probability(), 1e-12);
        assertEquals(m.cutoff(), e.cutoff());
    }

    private static double sum(Explanation.Score s) {
        return s.parts().stream().mapToDouble(Explanation.Part::contribution).sum();
    }

    @Test
    void writesAndReadsTheSameModel(@TempDir Path dir) throws Exception {
        // given
        SentenceModel m = SentenceModel.shipped();
        Path file = dir.resolve("model.json");
        // when
        m.write(file);
        SentenceModel back = SentenceModel.read(JSON.readTree(file.toFile()));
        // then
        double[] f = new double[Features.NAMES.size()];
        for (int j = 0; j < f.length; j++) {
            f[j] = (j % 5) / 4.0;
        }
        assertEquals(m.ranker().logit(f), back.ranker().logit(f));
        assertArrayEquals(m.ranker().contributions(f), back.ranker().contributions(f));
        assertArrayEquals(m.calibrator().weights(), back.calibrator().weights());
        assertEquals(m.cutoff(), back.cutoff());
    }

    @Test
    void refusesAModelOfAnotherVersionOrFeatureSet(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("model.json");
        SentenceModel.shipped().write(file);
        ObjectNode other = (ObjectNode) JSON.readTree(file.toFile());
        other.put("version", SentenceModel.VERSION + 1);
        ObjectNode renamed = (ObjectNode) JSON.readTree(file.toFile());
        ((ArrayNode) renamed.path("ranker").path("features")).set(0, "something_else");
        // when / then
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SentenceModel.read(other)).getMessage()
                .contains("refit it with the train command"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SentenceModel.read(renamed)).getMessage()
                .contains("feature 0 is something_else"));
    }

    @Test
    void theCalibratorReadsTheBestScoreItsLeadTheCitedShareAndTheNamedFeatures() {
        // given four candidates, best first: the first three lack the asked detail, the fourth holds it
        SentenceModel m = SentenceModel.shipped();
        double[] logits = {3.5, 2.5, 1.5, 0.5};
        List<double[]> features = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            double[] f = new double[Features.NAMES.size()];
            f[Features.NAMES.indexOf("focus_self")] = 0.75 - i / 10.0;
            f[Features.NAMES.indexOf("lacks_asked_detail")] = i < 3 ? 1 : 0;
            features.add(f);
        }
        // when
        double[] x = SentenceModel.calibration(logits, features, 1.25);
        double p = m.calibrator().probability(x);
        // then
        double sum = 1 + Math.exp(-1) + Math.exp(-2) + Math.exp(-3);
        assertEquals(SentenceModel.CALIBRATION.size(), x.length);
        assertEquals(3.5, x[SentenceModel.CALIBRATION.indexOf("best_logit")]);
        assertEquals(1.25, x[SentenceModel.CALIBRATION.indexOf("lead_over_runner_up")]);
        assertEquals((sum - Math.exp(-3)) / sum, x[SentenceModel.CALIBRATION.indexOf("cited_share")], 1e-12);
        assertEquals(1.0, x[SentenceModel.CALIBRATION.indexOf("cited_lack_detail")], "all three cited lack it");
        assertEquals(0.75, x[SentenceModel.CALIBRATION.indexOf("focus_self")], "the best one's features");
        assertEquals(1.0, x[SentenceModel.CALIBRATION.indexOf("lacks_asked_detail")]);
        assertEquals(1 / (1 + Math.exp(-m.calibrator().logit(x))), p, 1e-12);
    }

    @Test
    void aCitedSentenceHoldingTheAskedDetailClearsTheCitedLack() {
        double[] lacks = new double[Features.NAMES.size()];
        lacks[Features.NAMES.indexOf("lacks_asked_detail")] = 1;
        double[] holds = new double[Features.NAMES.size()];
        double[] x = SentenceModel.calibration(new double[] {2, 1}, List.of(lacks, holds), 1);
        assertEquals(0.0, x[SentenceModel.CALIBRATION.indexOf("cited_lack_detail")]);
        assertEquals(1.0, x[SentenceModel.CALIBRATION.indexOf("lacks_asked_detail")]);
    }
}
