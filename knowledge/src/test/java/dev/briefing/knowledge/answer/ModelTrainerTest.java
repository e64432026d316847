package dev.briefing.knowledge.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTrainerTest {

    private static ModelTrainer.Item item(String evidence, String fact) {
        return new ModelTrainer.Item("q", "answerable", List.of("How many?"), List.of(evidence), List.of(List.of(fact)));
    }

    @ParameterizedTest(name = "\"{0}\" -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Around 2,500 soldiers were sent to Kazakhstan. | soldiers were sent | 2,500 | true",
            "Around 2,500 soldiers were sent to Kazakhstan. | soldiers were sent | 3,000 | false",
            "The soldiers left. | soldiers were sent | 2,500 | false",
            "Around 2,500 soldiers, the ministry said. | Around 2,500 soldiers, the ministry said. More came later. | 2,500 | true",
            "Yes. | Yes. It was sent. | yes | false",
    })
    void aSentenceIsRightWhenItHoldsTheEvidenceAndTheFacts(String sentence, String evidence, String fact, boolean right) {
        assertEquals(right, ModelTrainer.isRight(sentence, item(evidence, fact)));
    }

    @Test
    void unanswerableQuestionsHaveNoRightSentence() {
        var item = new ModelTrainer.Item("u", "unanswerable", List.of("Who won?"), List.of(), List.of());
        assertTrue(!item.answerable());
    }

    private static ModelTrainer.Example example(String set, String id, boolean answerable, boolean right) {
        return new ModelTrainer.Example(set, id, answerable, List.of(new double[] {1}), List.of(right));
    }

    /** 30 questions of one set and 10 of another. */
    private static List<ModelTrainer.Example> bigAndSmallSet() {
        List<ModelTrainer.Example> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(example("big", "b" + i, true, true));
        }
        for (int i = 0; i < 10; i++) {
            all.add(example("small", "s" + i, true, true));
        }
        return all;
    }

    @Test
    void foldsSpreadEverySetEvenlyAndHoldEachQuestionOnce() {
        // given
        List<ModelTrainer.Example> all = bigAndSmallSet();
        // when
        List<List<ModelTrainer.Example>> folds = ModelTrainer.folds(all, 5, 1);
        // then
        Set<String> seen = new HashSet<>();
        for (List<ModelTrainer.Example> f : folds) {
            assertEquals(8, f.size());
            assertEquals(2, f.stream().filter(e -> e.set().equals("small")).count());
            f.forEach(e -> assertTrue(seen.add(e.id()), "held twice: " + e.id()));
        }
        assertEquals(40, seen.size());
    }

    @Test
    void anotherShuffleDealsTheQuestionsIntoOtherFoldsAsEvenly() {
        // given
        List<ModelTrainer.Example> all = bigAndSmallSet();
        // when
        List<List<ModelTrainer.Example>> three = ModelTrainer.folds(all, 5, ModelTrainer.DEFAULT_SHUFFLE);
        List<List<ModelTrainer.Example>> again = ModelTrainer.folds(all, 5, ModelTrainer.DEFAULT_SHUFFLE);
        List<List<ModelTrainer.Example>> five = ModelTrainer.folds(all, 5, 5);
        // then the same seed splits the same way, another otherwise, each fold still as even
        assertEquals(ids(three), ids(again));
        assertNotEquals(ids(three), ids(five));
        for (List<ModelTrainer.Example> f : five) {
            assertEquals(8, f.size());
            assertEquals(2, f.stream().filter(e -> e.set().equals("small")).count());
        }
    }

    private static List<Set<String>> ids(List<List<ModelTrainer.Example>> folds) {
        return folds.stream()
                .map(f -> f.stream().map(ModelTrainer.Example::id).collect(java.util.stream.Collectors.toSet()))
                .toList();
    }

    @Test
    void everySetWeighsTheSameInAll() {
        List<ModelTrainer.Example> all = bigAndSmallSet();
        var w = ModelTrainer.weights(all);
        double big = all.stream().filter(e -> e.set().equals("big")).mapToDouble(w::get).sum();
        double small = all.stream().filter(e -> e.set().equals("small")).mapToDouble(w::get).sum();
        assertEquals(big, small, 1e-9);
        assertEquals(40, big + small, 1e-9);
    }

    @Test
    void theCutOffSeparatesRightAnswersFromUnanswerableQuestions() {
        // given right best answers scoring high and unanswerable questions scoring low
        List<ModelTrainer.Scored> scored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            scored.add(scored(example("s", "a" + i, true, true), 2 + i * 0.1, 1, 0.9, true, false));
            scored.add(scored(example("s", "u" + i, false, false), -2 - i * 0.1, 0.1, 0.1, false, false));
        }
        LogisticRegression.Fit calibrator = ModelTrainer.fitCalibrator(scored);
        // when
        double cutoff = ModelTrainer.chooseCutoff(scored, calibrator);
        // then every question comes out right
        for (ModelTrainer.Scored s : scored) {
            assertTrue(ModelTrainer.judgedRight(s, calibrator, cutoff), s.example().id());
        }
    }

    @Test
    void anAnsweredQuestionIsRightWhenARightSentenceIsAmongThoseCitedAndTheBestPassesTheCutOff() {
        // given a calibrator that reads the score alone: p = 1 / (1 + e^-score)
        int n = SentenceModel.CALIBRATION.size();
        double[] weights = new double[n];
        weights[0] = 1;
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        LogisticRegression.Fit calibrator = new LogisticRegression.Fit(new double[n], ones, weights, 0);
        ModelTrainer.Example e = example("s", "a", true, true);
        ModelTrainer.Scored rightSecond = scored(e, 2, 0.5, 0.6, false, true);
        ModelTrainer.Scored noneRight = scored(e, 2, 0.5, 0.6, false, false);
        ModelTrainer.Scored unanswerable = scored(example("s", "u", false, false), 2, 0.5, 0.6, false, false);
        // when / then: p(2) = 0.88 passes a cut-off of 0.5, not one of 0.9
        assertTrue(ModelTrainer.judgedRight(rightSecond, calibrator, 0.5));
        assertFalse(ModelTrainer.judgedRight(noneRight, calibrator, 0.5));
        assertFalse(ModelTrainer.judgedRight(rightSecond, calibrator, 0.9));
        assertFalse(ModelTrainer.judgedRight(unanswerable, calibrator, 0.5));
        assertTrue(ModelTrainer.judgedRight(unanswerable, calibrator, 0.9));
    }

    @Test
    void theCutOffIsTakenFromAPlateauNotFromASpikeBesideIt() {
        // given counts on a plateau from index 10 to 30, and a higher one-step spike at 60
        double[] counts = new double[99];
        for (int i = 10; i <= 30; i++) {
            counts[i] = 10;
        }
        counts[60] = 12;
        // when / then: the spike wins step by step, the plateau's middle once averaged over 5 steps either side
        assertEquals(60, ModelTrainer.smoothedBest(counts, 0));
        assertEquals(20, ModelTrainer.smoothedBest(counts, 5));
    }

    @Test
    void crossValidationSaysHowEachQuestionCameOutInTheFoldThatHeldItOut() {
        // given answerable questions whose right sentence has the larger first feature, and unanswerable ones
        List<ModelTrainer.Example> all = new ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 40; i++) {
            List<double[]> rows = new ArrayList<>();
            List<Boolean> right = new ArrayList<>();
            boolean answerable = i % 4 != 0;
            for (int c = 0; c < 4; c++) {
                boolean isRight = answerable && c == i % 3;
                double[] f = new double[Features.NAMES.size()];
                f[0] = isRight ? 2 + random.nextDouble() : random.nextDouble();
                rows.add(f);
                right.add(isRight);
            }
            all.add(new ModelTrainer.Example(i % 2 == 0 ? "a" : "b", "q" + i, answerable, rows, right));
        }
        // when
        var cv = ModelTrainer.crossValidate(all, 2, ModelTrainer.DEFAULT_SHUFFLE, ModelTrainer.Objective.LISTWISE,
                line -> { });
        // then every question is reported once, from the fold that held it out
        var questions = cv.get("questions");
        assertEquals(40, questions.size());
        Set<String> ids = new HashSet<>();
        for (var q : questions) {
            assertTrue(ids.add(q.get("id").asText()));
            assertTrue(q.get("fold").asInt() == 1 || q.get("fold").asInt() == 2);
            if (q.get("answerable").asBoolean()) {
                assertEquals(1, q.get("rightRank").asInt(), "the separable right sentence ranks first: " + q);
                assertTrue(q.get("citesRight").asBoolean(), "its answer cites it, whatever the cut-off: " + q);
            } else {
                assertEquals(0, q.get("rightRank").asInt(), "an unanswerable question has no right sentence: " + q);
                assertFalse(q.get("citesRight").asBoolean(), "nothing right to cite: " + q);
            }
            double p = q.get("probability").asDouble();
            assertTrue(p >= 0 && p <= 1, q.toString());
            // and with the inputs its probability came from, and each candidate's score, in the example's order
            assertEquals(SentenceModel.CALIBRATION.size(), q.get("calibration").size(), q.toString());
            var logits = q.get("logits");
            assertEquals(4, logits.size(), q.toString());
            int best = 0;
            for (int c = 1; c < logits.size(); c++) {
                best = logits.get(c).asDouble() > logits.get(best).asDouble() ? c : best;
            }
            assertEquals(logits.get(best).asDouble(), q.get("calibration").get(0).asDouble(), 1e-9, q.toString());
            if (q.get("answerable").asBoolean()) {
                int i = Integer.parseInt(q.get("id").asText().substring(1));
                assertEquals(i % 3, best, "the right sentence scores highest: " + q);
            }
        }
    }

    /** A best candidate whose calibrator inputs are its score, its lead and the cited share, the rest 0. */
    private static ModelTrainer.Scored scored(ModelTrainer.Example e, double logit, double lead, double share,
                                              boolean right, boolean nextRight) {
        double[] x = new double[SentenceModel.CALIBRATION.size()];
        x[SentenceModel.CALIBRATION.indexOf("best_logit")] = logit;
        x[SentenceModel.CALIBRATION.indexOf("lead_over_runner_up")] = lead;
        x[SentenceModel.CALIBRATION.indexOf("cited_share")] = share;
        return new ModelTrainer.Scored(e, x, right, nextRight);
    }
}
