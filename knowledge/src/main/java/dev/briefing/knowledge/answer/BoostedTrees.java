package dev.briefing.knowledge.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees that rank one question's candidate sentences: the sum of small trees'
 * leaf values is the sentence's log-odds of stating the answer, learned with a softmax over each question's
 * candidates (the listwise loss {@link LogisticRegression#fitListwise} minimises for a linear ranker).
 *
 * <p>Why trees beside the linear ranker: the features interact. A sentence's cosine matters more when it
 * holds the kind of thing asked for, a missing name matters only for a "who" question, and a linear model
 * can only add them up. Second-order boosting (Newton steps per leaf, as XGBoost and LightGBM do) on
 * features cut into at most {@value #BINS} quantile bins; the fit is exact and deterministic (no sampling).
 * About a hundred lines instead of a library: Tribuo's XGBoost needs a native library, and its trees offer
 * no listwise loss; LightGBM's Java binding is native too.
 *
 * <p>Explained as a linear model is: each tree's root value goes to the bias, and every split along the path
 * a sentence takes adds the change in node value to the feature that split (Saabas' attribution), so the
 * bias plus the parts is exactly the score.
 *
 * @param bias the sum of every tree's root value
 * @param trees the trees, their values already multiplied by the learning rate
 */
record BoostedTrees(double bias, List<Tree> trees) implements Ranker {

    /** Quantile bins per feature at most: 32 keeps splits precise for features of a few hundred distinct values. */
    static final int BINS = 32;
    /** A child must carry at least this much curvature (sum of p(1-p) times question weight), as XGBoost's min_child_weight. */
    static final double MIN_CHILD_HESSIAN = 1;
    /** The L2 penalty on a leaf's value (XGBoost's lambda, 1 there too). */
    static final double LEAF_PENALTY = 1;

    BoostedTrees {
        trees = List.copyOf(trees);
    }

    /**
     * One tree, as parallel arrays; node 0 is the root. A leaf has feature -1.
     *
     * @param feature the feature a node splits on, or -1 for a leaf
     * @param threshold a sentence goes left when its feature is below it
     * @param left the left child's node, or -1
     * @param right the right child's node, or -1
     * @param value the node's value (what a sentence stopping there would score), learning rate applied
     */
    record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

        Tree {
            int n = feature.length;
            if (n == 0 || threshold.length != n || left.length != n || right.length != n || value.length != n) {
                throw new IllegalArgumentException("illegal tree: arrays of " + n + ", " + threshold.length + ", "
                        + left.length + ", " + right.length + ", " + value.length + " nodes, must be equal and at least 1");
            }
            for (int i = 0; i < n; i++) {
                boolean leaf = feature[i] < 0;
                if (!leaf && (left[i] <= i || left[i] >= n || right[i] <= i || right[i] >= n)) {
                    throw new IllegalArgumentException("illegal tree: node " + i + " has children " + left[i] + " and "
                            + right[i] + ", must be later nodes of the " + n);
                }
            }
        }

        int leaf(double[] x) {
            int node = 0;
            while (feature[node] >= 0) {
                node = x[feature[node]] < threshold[node] ? left[node] : right[node];
            }
            return node;
        }
    }

    @Override
    public double logit(double[] x) {
        double z = bias;
        for (Tree t : trees) {
            z += t.value()[t.leaf(x)] - t.value()[0];
        }
        return z;
    }

    @Override
    public double base() {
        return bias;
    }

    @Override
    public double[] contributions(double[] x) {
        double[] out = new double[x.length];
        for (Tree t : trees) {
            int node = 0;
            while (t.feature()[node] >= 0) {
                int next = x[t.feature()[node]] < t.threshold()[node] ? t.left()[node] : t.right()[node];
                out[t.feature()[node]] += t.value()[next] - t.value()[node];
                node = next;
            }
        }
        return out;
    }

    /**
     * How the trees are grown.
     *
     * @param trees how many trees
     * @param depth splits from the root to a leaf at most
     * @param learningRate what each tree's values are multiplied by
     */
    record Settings(int trees, int depth, double learningRate) {

        Settings {
            if (trees < 1) {
                throw new IllegalArgumentException("illegal trees value: " + trees + ", must be at least 1");
            }
            if (depth < 1 || depth > 8) {
                throw new IllegalArgumentException("illegal depth value: " + depth + ", must be between 1 and 8");
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("illegal learningRate value: " + learningRate + ", must be in (0, 1]");
            }
        }
    }

    /**
     * Fits trees to groups of candidates with the softmax loss.
     *
     * @param groups each question's candidates' features
     * @param targets each question's target distribution over its candidates (summing to 1)
     * @param groupWeights how much each question counts
     */
    static BoostedTrees fitListwise(List<double[][]> groups, List<double[]> targets, double[] groupWeights, Settings settings) {
        if (groups.isEmpty() || groups.size() != targets.size() || groups.size() != groupWeights.length) {
            throw new IllegalArgumentException("illegal training data: " + groups.size() + " groups, " + targets.size()
                    + " targets, " + groupWeights.length + " weights");
        }
        int d = groups.get(0)[0].length;
        int n = groups.stream().mapToInt(g -> g.length).sum();
        double[][] x = new double[n][];
        double[] t = new double[n];
        double[] w = new double[n];
        int[] start = new int[groups.size() + 1];
        for (int g = 0, i = 0; g < groups.size(); g++) {
            start[g] = i;
            for (int j = 0; j < groups.get(g).length; j++, i++) {
                x[i] = groups.get(g)[j];
                t[i] = targets.get(g)[j];
                w[i] = groupWeights[g];
            }
        }
        start[groups.size()] = n;
        double[][] cuts = new double[d][];
        int[][] bin = new int[d][n];
        for (int f = 0; f < d; f++) {
            cuts[f] = cuts(x, f);
            for (int i = 0; i < n; i++) {
                bin[f][i] = binOf(cuts[f], x[i][f]);
            }
        }
        double[] score = new double[n];
        double[] grad = new double[n];
        double[] hess = new double[n];
        List<Tree> trees = new ArrayList<>();
        double bias = 0;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        for (int m = 0; m < settings.trees(); m++) {
            for (int g = 0; g + 1 < start.length; g++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = start[g]; i < start[g + 1]; i++) {
                    max = Math.max(max, score[i]);
                }
                double z = 0;
                for (int i = start[g]; i < start[g + 1]; i++) {
                    z += Math.exp(score[i] - max);
                }
                for (int i = start[g]; i < start[g + 1]; i++) {
                    double p = Math.exp(score[i] - max) / z;
                    grad[i] = w[i] * (p - t[i]);
                    hess[i] = w[i] * Math.max(p * (1 - p), 1e-6);
                }
            }
            Grower grower = new Grower(cuts, bin, grad, hess, settings);
            grower.grow(all, 0);
            Tree tree = grower.tree();
            for (int i = 0; i < n; i++) {
                score[i] += tree.value()[tree.leaf(x[i])];
            }
            bias += tree.value()[0];
            trees.add(tree);
        }
        return new BoostedTrees(bias, trees);
    }

    /**
     * The mean of several ensembles' scores as one ensemble: every tree's values divided by their number, so the
     * logit, the bias and each feature's part are the means of theirs.
     */
    static BoostedTrees average(List<BoostedTrees> ensembles) {
        if (ensembles.isEmpty()) {
            throw new IllegalArgumentException("illegal ensembles: none, must be at least 1");
        }
        double m = ensembles.size();
        double bias = 0;
        List<Tree> trees = new ArrayList<>();
        for (BoostedTrees e : ensembles) {
            bias += e.bias() / m;
            for (Tree t : e.trees()) {
                double[] value = t.value().clone();
                for (int i = 0; i < value.length; i++) {
                    value[i] /= m;
                }
                trees.add(new Tree(t.feature(), t.threshold(), t.left(), t.right(), value));
            }
        }
        return new BoostedTrees(bias, trees);
    }

    /** Up to {@link #BINS} - 1 thresholds at the feature's quantiles, distinct and increasing. */
    private static double[] cuts(double[][] x, int f) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i][f];
        }
        Arrays.sort(v);
        double[] out = new double[BINS - 1];
        int k = 0;
        for (int q = 1; q < BINS; q++) {
            double c = v[(int) ((long) q * (v.length - 1) / BINS)];
            // a threshold equal to the smallest value would send nothing left
            if (c > v[0] && (k == 0 || c > out[k - 1])) {
                out[k++] = c;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The number of thresholds at or below a value: the value goes left of threshold b exactly when its bin is at most b. */
    private static int binOf(double[] cuts, double value) {
        int i = Arrays.binarySearch(cuts, value);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Grows one tree depth first, choosing at each node the split of largest gain in the second-order loss. */
    private static final class Grower {
        private final double[][] cuts;
        private final int[][] bin;
        private final double[] grad;
        private final double[] hess;
        private final Settings settings;
        private final List<int[]> splits = new ArrayList<>();
        private final List<Double> thresholds = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();

        Grower(double[][] cuts, int[][] bin, double[] grad, double[] hess, Settings settings) {
            this.cuts = cuts;
            this.bin = bin;
            this.grad = grad;
            this.hess = hess;
            this.settings = settings;
        }

        /** Adds the node for these rows and its subtree; returns its index. */
        int grow(int[] rows, int depth) {
            double g = 0;
            double h = 0;
            for (int i : rows) {
                g += grad[i];
                h += hess[i];
            }
            int node = values.size();
            values.add(-g / (h + LEAF_PENALTY) * settings.learningRate());
            splits.add(new int[] {-1, -1, -1});
            thresholds.add(0.0);
            if (depth == settings.depth()) {
                return node;
            }
            double parent = g * g / (h + LEAF_PENALTY);
            double bestGain = 1e-9;
            int bestFeature = -1;
            int bestBin = -1;
            for (int f = 0; f < cuts.length; f++) {
                int bins = cuts[f].length + 1;
                double[] hg = new double[bins];
                double[] hh = new double[bins];
                for (int i : rows) {
                    hg[bin[f][i]] += grad[i];
                    hh[bin[f][i]] += hess[i];
                }
                double gl = 0;
                double hl = 0;
                for (int b = 0; b + 1 < bins; b++) {
                    gl += hg[b];
                    hl += hh[b];
                    double hr = h - hl;
                    if (hl < MIN_CHILD_HESSIAN || hr < MIN_CHILD_HESSIAN) {
                        continue;
                    }
                    double gr = g - gl;
                    double gain = gl * gl / (hl + LEAF_PENALTY) + gr * gr / (hr + LEAF_PENALTY) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = f;
                        bestBin = b;
                    }
                }
            }
            if (bestFeature < 0) {
                return node;
            }
            int f = bestFeature;
            int b = bestBin;
            int[] left = Arrays.stream(rows).filter(i -> bin[f][i] <= b).toArray();
            int[] right = Arrays.stream(rows).filter(i -> bin[f][i] > b).toArray();
            thresholds.set(node, cuts[f][b]);
            int l = grow(left, depth + 1);
            int r = grow(right, depth + 1);
            splits.set(node, new int[] {f, l, r});
            return node;
        }

        Tree tree() {
            int n = values.size();
            int[] feature = new int[n];
            int[] left = new int[n];
            int[] right = new int[n];
            double[] threshold = new double[n];
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                feature[i] = splits.get(i)[0];
                left[i] = splits.get(i)[1];
                right[i] = splits.get(i)[2];
                threshold[i] = thresholds.get(i);
                value[i] = values.get(i);
            }
            return new Tree(feature, threshold, left, right, value);
        }
    }
}
