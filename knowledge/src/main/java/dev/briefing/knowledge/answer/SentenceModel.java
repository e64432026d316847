package dev.briefing.knowledge.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The learned answerer's weights: a ranker that scores candidate sentences ({@link Features}; boosted trees or a
 * logistic regression), a logistic regression that calibrates the best candidate's score into the probability that the answer it
 * leads (it and the next best sentences) cites one that answers the question,
 * and the one cut-off below which the answerer abstains. Fitted by {@link ModelTrainer} (the {@code train}
 * command) and shipped as the versioned resource {@value #RESOURCE}.
 *
 * @param version the model file's format and feature set version; a file of another version is refused
 * @param ranker scores a sentence's features into log-odds that it states the answer
 * @param calibrator maps the best sentence's log-odds and its lead over the runner-up to a probability
 * @param cutoff the probability below which the answerer abstains, chosen on held-out folds
 * @param provenance what it was fitted on and how it did on held-out folds, for the record
 */
public record SentenceModel(int version, Ranker ranker, LogisticRegression.Fit calibrator, double cutoff,
                            JsonNode provenance) {

    /**
     * The model file's layout, bumped when it changes. A change of {@link Features#NAMES} or of the calibrator's
     * inputs needs no bump: the file names each feature, and a file whose names are not this build's, in this
     * build's order, is refused ({@code checkNames}), so an old model file cannot be misread.
     */
    public static final int VERSION = 1;
    static final String RESOURCE = "answer-model.json";
    private static final String LINEAR = "linear";
    private static final String TREES = "boosted-trees";
    /** The best candidate's score when there is no candidate at all (the calibrator then says: do not answer). */
    static final double NO_CANDIDATE = -20;
    /** The best candidate's features whose values the calibrator reads beside its score. */
    private static final List<String> CALIBRATED_FEATURES = List.of("focus_self", "focus_missing_max", "names_missing",
            "focus_unknown", "sent_cos", "lacks_asked_detail", "negation_unmatched", "antonym_unmatched", "figure_unmatched",
            "swap_share", "swap_like", "swap_framed", "negation_differs");
    /**
     * What the calibrator reads: the best score, its lead, the share of the question's softmax that the sentences
     * an answer cites hold (the best and the next ones), whether all of those lack the detail asked for, and a few
     * of the best one's features.
     */
    static final List<String> CALIBRATION;
    private static final int LACKS_ASKED_DETAIL = Features.NAMES.indexOf("lacks_asked_detail");

    static {
        List<String> names = new ArrayList<>(List.of("best_logit", "lead_over_runner_up", "cited_share",
                "cited_lack_detail"));
        names.addAll(CALIBRATED_FEATURES);
        CALIBRATION = List.copyOf(names);
    }
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SentenceModel {
        if (version != VERSION) {
            throw new IllegalArgumentException("illegal model version " + version + ", this build reads " + VERSION
                    + ": refit it with the train command");
        }
        if (ranker instanceof LogisticRegression.Fit linear && linear.weights().length != Features.NAMES.size()) {
            throw new IllegalArgumentException("illegal ranker of " + linear.weights().length + " weights, must be "
                    + Features.NAMES.size());
        }
        if (calibrator.weights().length != CALIBRATION.size()) {
            throw new IllegalArgumentException("illegal calibrator of " + calibrator.weights().length + " weights, must be "
                    + CALIBRATION.size());
        }
        if (!(cutoff >= 0 && cutoff <= 1)) {
            throw new IllegalArgumentException("illegal cutoff value: " + cutoff + ", must be between 0 and 1");
        }
    }

    /** The model shipped in the jar. */
    public static SentenceModel shipped() {
        try (InputStream in = SentenceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the answer model " + RESOURCE + " is missing from the jar");
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer model failed", e);
        }
    }

    /**
     * A model that knows nothing yet (every weight 0, every candidate even): for collecting candidates to fit
     * the first model from, never for answering.
     */
    public static SentenceModel untrained() {
        int d = Features.NAMES.size();
        return new SentenceModel(VERSION, new LogisticRegression.Fit(new double[d], ones(d), new double[d], 0),
                new LogisticRegression.Fit(new double[CALIBRATION.size()], ones(CALIBRATION.size()),
                        new double[CALIBRATION.size()], 0), 0.5,
                JSON.createObjectNode().put("note", "untrained"));
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }

    /** Log-odds that a sentence with these features states the answer. */
    double logit(double[] features) {
        return ranker.logit(features);
    }

    /** The same weights with another cut-off: an operator who wants the bot to answer more, or less, often. */
    public SentenceModel withCutoff(double value) {
        return new SentenceModel(version, ranker, calibrator, value, provenance);
    }

    /**
     * The calibrator's inputs for one question's candidates, best first. The sentences an answer cites are taken
     * to be the first {@value ExtractiveAnswerer#MAX_CITATIONS}, in training and in answering alike.
     *
     * @param logits the candidates' scores, highest first; at least one
     * @param features their features, in the same order
     * @param lead how far the best one leads the best one that is not a copy of it (in training, the second: the
     *             examples do not say which candidates are copies)
     */
    static double[] calibration(double[] logits, List<double[]> features, double lead) {
        int cited = Math.min(logits.length, ExtractiveAnswerer.MAX_CITATIONS);
        double sum = 0;
        double citedSum = 0;
        boolean allLack = true;
        for (int i = 0; i < logits.length; i++) {
            double e = Math.exp(logits[i] - logits[0]);
            sum += e;
            if (i < cited) {
                citedSum += e;
                allLack &= features.get(i)[LACKS_ASKED_DETAIL] == 1;
            }
        }
        double[] x = new double[CALIBRATION.size()];
        x[0] = logits[0];
        x[1] = lead;
        x[2] = citedSum / sum;
        x[3] = allLack ? 1 : 0;
        for (int i = 0; i < CALIBRATED_FEATURES.size(); i++) {
            x[4 + i] = features.get(0)[Features.NAMES.indexOf(CALIBRATED_FEATURES.get(i))];
        }
        return x;
    }

    /**
     * Why the answerer answers or abstains: the calibrator's inputs, each with its share of the probability's
     * log-odds, and the best sentence's score, feature by feature.
     *
     * @param calibration the calibrator's inputs for the question's candidates ({@link #calibration})
     */
    Explanation explain(String sentence, double[] features, double[] calibration) {
        Explanation.Score decision = score(calibrator, CALIBRATION, calibration);
        return new Explanation(sentence, score(ranker, Features.NAMES, features), decision,
                LogisticRegression.sigmoid(decision.logit()), cutoff);
    }

    private static Explanation.Score score(Ranker model, List<String> names, double[] values) {
        List<Explanation.Part> parts = new ArrayList<>();
        double[] contributions = model.contributions(values);
        for (int j = 0; j < values.length; j++) {
            parts.add(new Explanation.Part(names.get(j), values[j], contributions[j]));
        }
        parts.sort(Comparator.comparingDouble((Explanation.Part p) -> Math.abs(p.contribution())).reversed());
        return new Explanation.Score(model.base(), parts, model.logit(values));
    }

    /** Writes the model as JSON, feature names beside their weights so a reader can see what counts. */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("cutoff", cutoff);
        root.set("ranker", ranker(ranker));
        root.set("calibrator", fit(calibrator, CALIBRATION));
        root.set("provenance", provenance);
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    private static ObjectNode ranker(Ranker ranker) {
        if (ranker instanceof LogisticRegression.Fit linear) {
            return fit(linear, Features.NAMES).put("kind", LINEAR);
        }
        BoostedTrees trees = (BoostedTrees) ranker;
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", TREES);
        node.put("bias", trees.bias());
        ArrayNode names = node.putArray("features");
        Features.NAMES.forEach(names::add);
        ArrayNode list = node.putArray("trees");
        for (BoostedTrees.Tree t : trees.trees()) {
            ObjectNode tree = list.addObject();
            ArrayNode feature = tree.putArray("feature");
            ArrayNode threshold = tree.putArray("threshold");
            ArrayNode left = tree.putArray("left");
            ArrayNode right = tree.putArray("right");
            ArrayNode value = tree.putArray("value");
            for (int i = 0; i < t.feature().length; i++) {
                feature.add(t.feature()[i]);
                threshold.add(t.threshold()[i]);
                left.add(t.left()[i]);
                right.add(t.right()[i]);
                value.add(t.value()[i]);
            }
        }
        return node;
    }

    private static ObjectNode fit(LogisticRegression.Fit f, List<String> names) {
        ObjectNode node = JSON.createObjectNode();
        node.put("bias", f.bias());
        ArrayNode features = node.putArray("features");
        for (int j = 0; j < names.size(); j++) {
            ObjectNode n = features.addObject();
            n.put("name", names.get(j));
            n.put("weight", f.weights()[j]);
            n.put("mean", f.mean()[j]);
            n.put("scale", f.scale()[j]);
        }
        return node;
    }

    static SentenceModel read(JsonNode root) {
        return new SentenceModel(root.path("version").asInt(), readRanker(root.path("ranker")),
                readFit(root.path("calibrator"), CALIBRATION),
                root.path("cutoff").asDouble(Double.NaN), root.path("provenance"));
    }

    private static Ranker readRanker(JsonNode node) {
        String kind = node.path("kind").asText(LINEAR);
        if (kind.equals(LINEAR)) {
            return readFit(node, Features.NAMES);
        }
        if (!kind.equals(TREES)) {
            throw new IllegalArgumentException("illegal ranker kind: " + kind + ", must be " + LINEAR + " or " + TREES);
        }
        JsonNode features = node.path("features");
        checkNames(features.size(), j -> features.get(j).asText(), Features.NAMES);
        List<BoostedTrees.Tree> trees = new ArrayList<>();
        for (JsonNode t : node.path("trees")) {
            int n = t.path("feature").size();
            int[] feature = new int[n];
            double[] threshold = new double[n];
            int[] left = new int[n];
            int[] right = new int[n];
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                feature[i] = t.path("feature").get(i).asInt();
                threshold[i] = t.path("threshold").path(i).asDouble();
                left[i] = t.path("left").path(i).asInt();
                right[i] = t.path("right").path(i).asInt();
                value[i] = t.path("value").path(i).asDouble();
                if (feature[i] >= Features.NAMES.size()) {
                    throw new IllegalArgumentException("illegal model: a tree splits on feature " + feature[i]
                            + ", this build has " + Features.NAMES.size() + ": refit it with the train command");
                }
            }
            trees.add(new BoostedTrees.Tree(feature, threshold, left, right, value));
        }
        return new BoostedTrees(node.path("bias").asDouble(), trees);
    }

    /** Refuses a model whose features are not this build's, in this build's order. */
    private static void checkNames(int size, java.util.function.IntFunction<String> name, List<String> names) {
        if (size != names.size()) {
            throw new IllegalArgumentException("illegal model: " + size + " features, this build has "
                    + names.size() + ": refit it with the train command");
        }
        for (int j = 0; j < names.size(); j++) {
            if (!names.get(j).equals(name.apply(j))) {
                throw new IllegalArgumentException("illegal model: feature " + j + " is " + name.apply(j)
                        + ", this build has " + names.get(j) + ": refit it with the train command");
            }
        }
    }

    private static LogisticRegression.Fit readFit(JsonNode node, List<String> names) {
        JsonNode features = node.path("features");
        checkNames(features.size(), j -> features.get(j).path("name").asText(), names);
        double[] w = new double[names.size()];
        double[] mean = new double[names.size()];
        double[] scale = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            JsonNode f = features.get(j);
            w[j] = f.path("weight").asDouble();
            mean[j] = f.path("mean").asDouble();
            scale[j] = f.path("scale").asDouble(1);
        }
        return new LogisticRegression.Fit(mean, scale, w, node.path("bias").asDouble());
    }
}
