package dev.briefing.knowledge.answer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticRegressionTest {

    @Test
    void solvesALinearSystem() {
        double[] x = LogisticRegression.solve(new double[][] {{2, 1}, {1, 3}}, new double[] {3, 5});
        assertArrayEquals(new double[] {0.8, 1.4}, x, 1e-9);
    }

    @Test
    void pointwiseFitFindsWhichFeatureRaisesTheOddsAndWhichLowersThem() {
        // given labels drawn from odds that rise with x0 and fall with x1
        Random r = new Random(1);
        int n = 2000;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian() * 3 + 5;
            double p = 1 / (1 + Math.exp(-(2 * x[i][0] - (x[i][1] - 5) / 3)));
            y[i] = r.nextDouble() < p ? 1 : 0;
            w[i] = 1;
        }
        // when
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, w, 0.1);
        // then: the standardised weights come back near 2 and -1
        assertEquals(2.0, fit.weights()[0], 0.3);
        assertEquals(-1.0, fit.weights()[1], 0.3);
        assertTrue(fit.logit(new double[] {1, 5}) > fit.logit(new double[] {-1, 5}));
    }

    @Test
    void listwiseFitPutsTheRightRowOfEachGroupFirst() {
        // given groups of ten rows where the right one has the largest x0 - x1
        Random r = new Random(2);
        List<double[][]> groups = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (int g = 0; g < 200; g++) {
            double[][] x = new double[10][2];
            int best = 0;
            for (int i = 0; i < 10; i++) {
                x[i][0] = r.nextGaussian();
                x[i][1] = r.nextGaussian();
                if (x[i][0] - x[i][1] > x[best][0] - x[best][1]) {
                    best = i;
                }
            }
            double[] t = new double[10];
            t[best] = 1;
            groups.add(x);
            targets.add(t);
        }
        double[] weights = new double[groups.size()];
        java.util.Arrays.fill(weights, 1);
        // when
        LogisticRegression.Fit fit = LogisticRegression.fitListwise(groups, targets, weights, 0.1);
        // then
        assertTrue(fit.weights()[0] > 1 && fit.weights()[1] < -1, java.util.Arrays.toString(fit.weights()));
        assertEquals(fit.weights()[0], -fit.weights()[1], 0.2 * fit.weights()[0]);
    }

    @Test
    void refusesAnIllegalPenalty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[][] {{1}}, new int[] {1}, new double[] {1}, -1));
        assertTrue(e.getMessage().contains("illegal l2 value: -1.0"), e.getMessage());
    }
}
