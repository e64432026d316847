package dev.briefing.knowledge.answer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoostedTreesTest {

    /**
     * Groups of candidates of three features, where the right one has the first two features alike (both high,
     * or both low) and every other has one high and one low: an interaction that no weighted sum of the two
     * finds. The third feature is noise.
     */
    private record Data(List<double[][]> groups, List<double[]> targets, double[] weights) {

        static Data interaction(int groupCount, long seed) {
            Random random = new Random(seed);
            List<double[][]> groups = new ArrayList<>();
            List<double[]> targets = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                int n = 6;
                int right = random.nextInt(n);
                double[][] x = new double[n][];
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    boolean first = random.nextBoolean();
                    boolean second = i == right ? first : !first;
                    x[i] = new double[] {level(first, random), level(second, random), random.nextDouble()};
                }
                t[right] = 1;
                groups.add(x);
                targets.add(t);
            }
            double[] w = new double[groupCount];
            Arrays.fill(w, 1);
            return new Data(groups, targets, w);
        }

        static double level(boolean high, Random random) {
            return high ? 0.6 + 0.4 * random.nextDouble() : 0.4 * random.nextDouble();
        }

        int rightFirst(Ranker ranker) {
            int count = 0;
            for (int g = 0; g < groups.size(); g++) {
                int best = 0;
                for (int i = 1; i < groups.get(g).length; i++) {
                    if (ranker.logit(groups.get(g)[i]) > ranker.logit(groups.get(g)[best])) {
                        best = i;
                    }
                }
                count += targets.get(g)[best] > 0 ? 1 : 0;
            }
            return count;
        }
    }

    @Test
    void learnsAnInteractionThatALinearRankerCannot() {
        // given
        Data train = Data.interaction(200, 1);
        Data test = Data.interaction(100, 2);
        // when
        BoostedTrees trees = BoostedTrees.fitListwise(train.groups(), train.targets(), train.weights(),
                new BoostedTrees.Settings(50, 2, 0.3));
        LogisticRegression.Fit linear = LogisticRegression.fitListwise(train.groups(), train.targets(), train.weights(), 0.1);
        // then
        assertTrue(test.rightFirst(trees) >= 95, "trees " + test.rightFirst(trees));
        assertTrue(test.rightFirst(linear) < 70, "linear " + test.rightFirst(linear));
    }

    @Test
    void theBaseAndTheContributionsAddUpToTheScore() {
        // given
        Data train = Data.interaction(100, 3);
        BoostedTrees trees = BoostedTrees.fitListwise(train.groups(), train.targets(), train.weights(),
                new BoostedTrees.Settings(20, 3, 0.1));
        Random random = new Random(4);
        for (int k = 0; k < 20; k++) {
            double[] x = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            // when
            double[] parts = trees.contributions(x);
            // then
            assertEquals(trees.logit(x), trees.base() + Arrays.stream(parts).sum(), 1e-9);
        }
        assertEquals(20, trees.trees().size());
    }

    @Test
    void theFitIsDeterministic() {
        // given
        Data train = Data.interaction(80, 5);
        BoostedTrees.Settings settings = new BoostedTrees.Settings(10, 3, 0.1);
        // when
        BoostedTrees a = BoostedTrees.fitListwise(train.groups(), train.targets(), train.weights(), settings);
        BoostedTrees b = BoostedTrees.fitListwise(train.groups(), train.targets(), train.weights(), settings);
        // then
        for (int i = 0; i < a.trees().size(); i++) {
            assertArrayEquals(a.trees().get(i).feature(), b.trees().get(i).feature());
            assertArrayEquals(a.trees().get(i).threshold(), b.trees().get(i).threshold());
            assertArrayEquals(a.trees().get(i).value(), b.trees().get(i).value());
        }
    }

    @Test
    void anAverageOfEnsemblesScoresTheMeanOfTheirScoresAndStillAddsUp() {
        // given two ensembles fitted to different questions
        BoostedTrees.Settings settings = new BoostedTrees.Settings(15, 3, 0.1);
        Data one = Data.interaction(80, 6);
        Data other = Data.interaction(80, 7);
        BoostedTrees a = BoostedTrees.fitListwise(one.groups(), one.targets(), one.weights(), settings);
        BoostedTrees b = BoostedTrees.fitListwise(other.groups(), other.targets(), other.weights(), settings);
        // when
        BoostedTrees mean = BoostedTrees.average(List.of(a, b));
        // then
        assertEquals(30, mean.trees().size());
        Random random = new Random(8);
        for (int k = 0; k < 20; k++) {
            double[] x = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            assertEquals((a.logit(x) + b.logit(x)) / 2, mean.logit(x), 1e-9);
            assertEquals(mean.logit(x), mean.base() + Arrays.stream(mean.contributions(x)).sum(), 1e-9);
        }
    }

    @Test
    void aBaggedFitIsSeededAndLearnsTheInteraction() {
        // given
        Data train = Data.interaction(150, 9);
        Data test = Data.interaction(100, 10);
        BoostedTrees.Settings settings = new BoostedTrees.Settings(30, 2, 0.3);
        // when
        BoostedTrees bagged = ModelTrainer.bagged(train.groups(), train.targets(), train.weights(), settings);
        BoostedTrees again = ModelTrainer.bagged(train.groups(), train.targets(), train.weights(), settings);
        // then
        assertEquals(ModelTrainer.BAGS * 30, bagged.trees().size());
        double[] x = {0.9, 0.8, 0.5};
        assertEquals(bagged.logit(x), again.logit(x));
        assertTrue(test.rightFirst(bagged) >= 95, "bagged " + test.rightFirst(bagged));
    }

    @Test
    void refusesATreeWhoseChildrenDoNotFollowTheirParent() {
        // when / then
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BoostedTrees.Tree(
                new int[] {0, -1, -1}, new double[3], new int[] {0, -1, -1}, new int[] {2, -1, -1}, new double[3]));
        assertTrue(e.getMessage().contains("node 0 has children 0 and 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BoostedTrees.Settings(0, 3, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new BoostedTrees.Settings(10, 3, 0));
    }
}
