package dev.briefing.knowledge.answer;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features. A few dozen lines instead of a library: the data are tens of thousands of rows of
 * a few dozen features, Newton converges in about ten exact steps, the fit is deterministic (no learning
 * rate, no shuffling), and the weights it gives explain each score feature by feature.
 */
final class LogisticRegression {

    /** Newton steps at most; the fit stops earlier once no weight moves by more than {@link #TOLERANCE}. */
    static final int MAX_STEPS = 50;
    static final double TOLERANCE = 1e-7;

    private LogisticRegression() {
    }

    /**
     * The fitted model.
     *
     * @param mean each feature's mean over the rows, subtracted before weighing
     * @param scale each feature's standard deviation (1 for a constant feature), divided by before weighing
     * @param weights one weight per standardised feature
     * @param bias the intercept, not regularised
     */
    record Fit(double[] mean, double[] scale, double[] weights, double bias) implements Ranker {

        @Override
        public double logit(double[] x) {
            double z = bias;
            for (int j = 0; j < weights.length; j++) {
                z += weights[j] * (x[j] - mean[j]) / scale[j];
            }
            return z;
        }

        @Override
        public double base() {
            return bias;
        }

        /** The probability of the positive label: the logistic function of {@link #logit}. */
        double probability(double[] x) {
            return sigmoid(logit(x));
        }

        /** Each weight times its standardised value. */
        @Override
        public double[] contributions(double[] x) {
            double[] out = new double[weights.length];
            for (int j = 0; j < weights.length; j++) {
                out[j] = weights[j] * (x[j] - mean[j]) / scale[j];
            }
            return out;
        }
    }

    /** The logistic function: log-odds to a probability. */
    static double sigmoid(double logOdds) {
        return 1 / (1 + Math.exp(-logOdds));
    }

    /**
     * @param x rows of features
     * @param y labels, 0 or 1
     * @param rowWeight how much each row counts
     * @param l2 the penalty on the squared weights (the intercept aside)
     */
    static Fit fit(double[][] x, int[] y, double[] rowWeight, double l2) {
        if (x.length == 0 || x.length != y.length || y.length != rowWeight.length) {
            throw new IllegalArgumentException("illegal training data: " + x.length + " rows, " + y.length + " labels");
        }
        if (l2 < 0) {
            throw new IllegalArgumentException("illegal l2 value: " + l2 + ", must be at least 0");
        }
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            total += rowWeight[i];
            for (int j = 0; j < d; j++) {
                mean[j] += rowWeight[i] * x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= total;
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                double dev = x[i][j] - mean[j];
                scale[j] += rowWeight[i] * dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(scale[j] / total);
            if (scale[j] < 1e-9) {
                scale[j] = 1;
            }
        }
        // theta[0] is the intercept, theta[1..d] the weights
        double[] theta = new double[d + 1];
        double[] z = new double[d + 1];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < x.length; i++) {
                z[0] = 1;
                for (int j = 0; j < d; j++) {
                    z[j + 1] = (x[i][j] - mean[j]) / scale[j];
                }
                double s = 0;
                for (int j = 0; j <= d; j++) {
                    s += theta[j] * z[j];
                }
                double p = sigmoid(s);
                double r = rowWeight[i] * (p - y[i]);
                double w = rowWeight[i] * Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a <= d; a++) {
                    grad[a] += r * z[a];
                    double wa = w * z[a];
                    for (int b = a; b <= d; b++) {
                        hess[a][b] += wa * z[b];
                    }
                }
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) {
                    hess[a][b] = hess[b][a];
                }
                if (a > 0) {
                    grad[a] += l2 * theta[a];
                    hess[a][a] += l2;
                }
            }
            double[] delta = solve(hess, grad);
            double moved = 0;
            for (int j = 0; j <= d; j++) {
                theta[j] -= delta[j];
                moved = Math.max(moved, Math.abs(delta[j]));
            }
            if (moved < TOLERANCE) {
                break;
            }
        }
        double[] weights = new double[d];
        System.arraycopy(theta, 1, weights, 0, d);
        return new Fit(mean, scale, weights, theta[0]);
    }

    /**
     * The listwise variant (a conditional logit): within each group of rows one is picked with probability
     * softmax(score), and the fit makes the right rows' share of each group as large as it can. Scores are then
     * comparable within a group, which is what ranking one question's sentences needs; the intercept is 0.
     *
     * @param groups each group's rows
     * @param targets each group's target shares (summing to 1; the right rows share it evenly)
     * @param groupWeight how much each group counts
     * @param l2 the penalty on the squared weights
     */
    static Fit fitListwise(java.util.List<double[][]> groups, java.util.List<double[]> targets, double[] groupWeight, double l2) {
        if (groups.isEmpty() || groups.size() != targets.size()) {
            throw new IllegalArgumentException("illegal training data: " + groups.size() + " groups, " + targets.size() + " targets");
        }
        int d = groups.get(0)[0].length;
        int rows = 0;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[][] g : groups) {
            for (double[] x : g) {
                rows++;
                for (int j = 0; j < d; j++) {
                    mean[j] += x[j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows;
        }
        for (double[][] g : groups) {
            for (double[] x : g) {
                for (int j = 0; j < d; j++) {
                    scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(scale[j] / rows);
            if (scale[j] < 1e-9) {
                scale[j] = 1;
            }
        }
        double[] w = new double[d];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int gi = 0; gi < groups.size(); gi++) {
                double[][] g = groups.get(gi);
                double[] t = targets.get(gi);
                double[][] z = new double[g.length][d];
                double[] score = new double[g.length];
                double top = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < g.length; i++) {
                    for (int j = 0; j < d; j++) {
                        z[i][j] = (g[i][j] - mean[j]) / scale[j];
                        score[i] += w[j] * z[i][j];
                    }
                    top = Math.max(top, score[i]);
                }
                double sum = 0;
                for (int i = 0; i < g.length; i++) {
                    score[i] = Math.exp(score[i] - top);
                    sum += score[i];
                }
                double gw = groupWeight[gi];
                double[] expected = new double[d];
                for (int i = 0; i < g.length; i++) {
                    double p = score[i] / sum;
                    for (int a = 0; a < d; a++) {
                        expected[a] += p * z[i][a];
                        grad[a] += gw * (p - t[i]) * z[i][a];
                        double pa = gw * p * z[i][a];
                        for (int b = a; b < d; b++) {
                            hess[a][b] += pa * z[i][b];
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        hess[a][b] -= gw * expected[a] * expected[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    hess[a][b] = hess[b][a];
                }
                grad[a] += l2 * w[a];
                hess[a][a] += l2;
            }
            double[] delta = solve(hess, grad);
            // a full Newton step can overshoot far from the optimum: halve it until the loss goes down
            double before = listwiseLoss(groups, targets, groupWeight, mean, scale, w, l2);
            double[] next = new double[d];
            double scaleBy = 1;
            for (int tries = 0; tries < 30; tries++, scaleBy /= 2) {
                for (int j = 0; j < d; j++) {
                    next[j] = w[j] - scaleBy * delta[j];
                }
                if (listwiseLoss(groups, targets, groupWeight, mean, scale, next, l2) <= before) {
                    break;
                }
            }
            double moved = 0;
            for (int j = 0; j < d; j++) {
                moved = Math.max(moved, Math.abs(next[j] - w[j]));
                w[j] = next[j];
            }
            if (moved < TOLERANCE) {
                break;
            }
        }
        return new Fit(mean, scale, w, 0);
    }

    /** The listwise objective: minus the log of the right rows' share, summed over groups, plus the penalty. */
    private static double listwiseLoss(java.util.List<double[][]> groups, java.util.List<double[]> targets,
                                       double[] groupWeight, double[] mean, double[] scale, double[] w, double l2) {
        double loss = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            double[][] g = groups.get(gi);
            double[] score = new double[g.length];
            double top = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    score[i] += w[j] * (g[i][j] - mean[j]) / scale[j];
                }
                top = Math.max(top, score[i]);
            }
            double sum = 0;
            for (double v : score) {
                sum += Math.exp(v - top);
            }
            double logSum = top + Math.log(sum);
            for (int i = 0; i < g.length; i++) {
                loss -= groupWeight[gi] * targets.get(gi)[i] * (score[i] - logSum);
            }
        }
        for (double v : w) {
            loss += l2 / 2 * v * v;
        }
        return loss;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting ({@code a} is symmetric positive definite here). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[col][col]) < 1e-12) {
                m[col][col] = 1e-12;
            }
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
