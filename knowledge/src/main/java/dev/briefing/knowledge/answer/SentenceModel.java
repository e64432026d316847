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
 * The learned answerer's weights: a logistic regression that ranks candidate sentences ({@link Features}), a
 * second one that calibrates the best candidate's score into the probability that it answers the question,
 * and the one cut-off below which the answerer abstains. Fitted by {@link ModelTrainer} (the {@code train}
 * command) and shipped as the versioned resource {@value #RESOURCE}.
 *
 * @param version the model file's format and feature set version; a file of another version is refused
 * @param ranker weighs a sentence's features into log-odds that it states the answer
 * @param calibrator maps the best sentence's log-odds and its lead over the runner-up to a probability
 * @param cutoff the probability below which the answerer abstains, chosen on held-out folds
 * @param provenance what it was fitted on and how it did on held-out folds, for the record
 */
public record SentenceModel(int version, LogisticRegression.Fit ranker, LogisticRegression.Fit calibrator, double cutoff,
                            JsonNode provenance) {

    /** Bumped whenever {@link Features#NAMES} changes, so an old model file cannot be misread. */
    public static final int VERSION = 1;
    static final String RESOURCE = "answer-model.json";
    /** The best candidate's score when there is no candidate at all (the calibrator then says: do not answer). */
    static final double NO_CANDIDATE = -20;
    /** The best candidate's features whose values the calibrator reads beside its score. */
    private static final List<String> CALIBRATED_FEATURES = List.of("focus_self", "focus_missing_max", "names_missing",
            "focus_unknown", "sent_cos", "lacks_asked_detail");
    /** What the calibrator reads: the best score, its lead, its share of the question's softmax, and a few features. */
    static final List<String> CALIBRATION;

    static {
        List<String> names = new ArrayList<>(List.of("best_logit", "lead_over_runner_up", "best_share"));
        names.addAll(CALIBRATED_FEATURES);
        CALIBRATION = List.copyOf(names);
    }
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SentenceModel {
        if (version != VERSION) {
            throw new IllegalArgumentException("illegal model version " + version + ", this build reads " + VERSION
                    + ": refit it with the train command");
        }
        if (ranker.weights().length != Features.NAMES.size()) {
            throw new IllegalArgumentException("illegal ranker of " + ranker.weights().length + " weights, must be "
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

    /** The calibrator's inputs for a best candidate. */
    static double[] calibration(double logit, double lead, double share, double[] features) {
        double[] x = new double[CALIBRATION.size()];
        x[0] = logit;
        x[1] = lead;
        x[2] = share;
        for (int i = 0; i < CALIBRATED_FEATURES.size(); i++) {
            x[3 + i] = features[Features.NAMES.indexOf(CALIBRATED_FEATURES.get(i))];
        }
        return x;
    }

    /**
     * The probability that the best sentence answers the question.
     *
     * @param logit its score
     * @param lead how far it leads the best sentence that is not a copy of it
     * @param share its share of the softmax over the question's candidates
     * @param features its features
     */
    double probability(double logit, double lead, double share, double[] features) {
        return 1 / (1 + Math.exp(-calibrator.logit(calibration(logit, lead, share, features))));
    }

    /** The best sentence's score, feature by feature. */
    Explanation explain(String sentence, double[] features, double probability) {
        List<Explanation.Part> parts = new ArrayList<>();
        for (int j = 0; j < features.length; j++) {
            double contribution = ranker.weights()[j] * (features[j] - ranker.mean()[j]) / ranker.scale()[j];
            parts.add(new Explanation.Part(Features.NAMES.get(j), features[j], contribution));
        }
        parts.sort(Comparator.comparingDouble((Explanation.Part p) -> Math.abs(p.contribution())).reversed());
        return new Explanation(sentence, ranker.bias(), parts, logit(features), probability, cutoff);
    }

    /** Writes the model as JSON, feature names beside their weights so a reader can see what counts. */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("cutoff", cutoff);
        root.set("ranker", fit(ranker, Features.NAMES));
        root.set("calibrator", fit(calibrator, CALIBRATION));
        root.set("provenance", provenance);
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
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
        return new SentenceModel(root.path("version").asInt(), readFit(root.path("ranker"), Features.NAMES),
                readFit(root.path("calibrator"), CALIBRATION),
                root.path("cutoff").asDouble(Double.NaN), root.path("provenance"));
    }

    private static LogisticRegression.Fit readFit(JsonNode node, List<String> names) {
        JsonNode features = node.path("features");
        if (features.size() != names.size()) {
            throw new IllegalArgumentException("illegal model: " + features.size() + " features, this build has "
                    + names.size() + ": refit it with the train command");
        }
        double[] w = new double[names.size()];
        double[] mean = new double[names.size()];
        double[] scale = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            JsonNode f = features.get(j);
            if (!names.get(j).equals(f.path("name").asText())) {
                throw new IllegalArgumentException("illegal model: feature " + j + " is " + f.path("name").asText()
                        + ", this build has " + names.get(j) + ": refit it with the train command");
            }
            w[j] = f.path("weight").asDouble();
            mean[j] = f.path("mean").asDouble();
            scale[j] = f.path("scale").asDouble(1);
        }
        return new LogisticRegression.Fit(mean, scale, w, node.path("bias").asDouble());
    }
}
