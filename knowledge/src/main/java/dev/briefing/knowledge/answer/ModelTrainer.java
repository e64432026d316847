package dev.briefing.knowledge.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Fits the {@link SentenceModel} from question sets, and says how it does on questions it was not fitted on.
 *
 * <p>Each question's candidate sentences are labelled by the set's own judgement (a sentence is right when it
 * holds an evidence string and the facts, as {@code score.py} reads them). The ranker is gradient-boosted trees
 * (averaged over fits to bootstrap samples of the questions, {@link #bagged})
 * or a logistic regression over the candidates' features, every question weighing the same; its number of
 * trees, or its penalty, is chosen by inner cross-validation. The calibrator is a logistic regression from the
 * best candidate's score, its lead over the runner-up and a few of its features to whether the answer it leads
 * (it and the next candidates, as the answerer cites them) cites a right sentence (never, for an unanswerable
 * question), fitted on scores from folds the ranker did not see. The cut-off is the probability that makes the
 * most questions come out as the set judges them (answered with a right sentence cited, or unanswerable and
 * declined), on those same held-out scores, the count averaged over nearby cut-offs.
 *
 * <p>{@link #crossValidate} runs that whole procedure inside each of k outer folds and reports the folds it held
 * out; {@link #fit} runs it once on everything for the model that ships.
 */
public final class ModelTrainer {

    /** The seed that deals questions into the outer folds unless another is asked for. */
    public static final long DEFAULT_SHUFFLE = 3;

    /** The linear ranker's penalties tried, per question. */
    static final double[] PENALTIES = {0.0001, 0.001, 0.01, 0.1, 1.0};
    /** The boosted ranker's numbers of trees tried. */
    static final double[] TREE_COUNTS = {25, 50, 100};
    /**
     * How the boosted ranker's trees grow beside their number: depth 3 (interactions of three features) and a
     * learning rate of 0.1, the values XGBoost and LightGBM users start from; held-out folds of the three sets
     * did no better with depth 2 or 4 or a rate of 0.05.
     */
    static final int TREE_DEPTH = 3;
    static final double LEARNING_RATE = 0.1;

    /** How the ranker learns: one question's sentences against each other, or every sentence on its own. */
    public enum Objective {
        /**
         * Gradient-boosted trees with a softmax over each question's candidates: learns to put a right sentence
         * first, and lets features interact.
         */
        TREES,
        /** A softmax over each question's candidates (conditional logit): learns to put a right sentence first. */
        LISTWISE,
        /** A logistic regression per sentence, every question weighing the same. */
        POINTWISE;

        /** The values of the ranker's one free setting tried by inner cross-validation: trees, or penalty. */
        double[] grid() {
            return this == TREES ? TREE_COUNTS : PENALTIES;
        }
    }
    static final int INNER_FOLDS = 4;
    /** How many bootstrap fits the boosted ranker averages ({@link #bagged}). */
    static final int BAGS = 5;
    private static final long BAG_SEED = 11;
    static final double CALIBRATOR_PENALTY = 0.001;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelTrainer() {
    }

    /**
     * One item of a question set, in {@code score.py}'s format.
     *
     * @param id the item's id
     * @param kind answerable, unanswerable or followup
     * @param turns the questions, the last one scored
     * @param evidence strings one of which a right quote holds
     * @param facts groups of alternatives; a right answer holds one of each group
     */
    public record Item(String id, String kind, List<String> turns, List<String> evidence, List<List<String>> facts) {

        public Item {
            turns = List.copyOf(turns);
            evidence = List.copyOf(evidence);
            facts = facts.stream().map(List::copyOf).toList();
            if (turns.isEmpty()) {
                throw new IllegalArgumentException("item " + id + ": no turns");
            }
        }

        boolean answerable() {
            return !kind.equals("unanswerable");
        }
    }

    /**
     * One question's candidates as the trainer sees them.
     *
     * @param set the question set it comes from
     * @param id the item's id
     * @param answerable whether the set says the articles answer it
     * @param features each candidate's features
     * @param right whether each candidate is a right answer
     */
    public record Example(String set, String id, boolean answerable, List<double[]> features, List<Boolean> right) {

        public Example {
            features = List.copyOf(features);
            right = List.copyOf(right);
        }

        boolean anyRight() {
            return right.contains(true);
        }
    }

    /** Reads a question set (JSON lines). */
    public static List<Item> readItems(Path jsonl) throws IOException {
        List<Item> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            List<String> turns = new ArrayList<>();
            n.path("turns").forEach(t -> turns.add(t.asText()));
            List<String> evidence = new ArrayList<>();
            n.path("evidence").forEach(t -> evidence.add(t.asText()));
            List<List<String>> facts = new ArrayList<>();
            n.path("facts").forEach(g -> {
                List<String> alts = new ArrayList<>();
                g.forEach(a -> alts.add(a.asText()));
                facts.add(alts);
            });
            out.add(new Item(n.path("id").asText(), n.path("kind").asText(), turns, evidence, facts));
        }
        return out;
    }

    /** Writes examples (JSON lines), so the model can be refitted without asking every question again. */
    public static void writeExamples(List<Example> examples, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Example e : examples) {
            ObjectNode n = JSON.createObjectNode();
            n.put("set", e.set());
            n.put("id", e.id());
            n.put("answerable", e.answerable());
            ArrayNode f = n.putArray("features");
            e.features().forEach(row -> {
                ArrayNode r = f.addArray();
                for (double v : row) {
                    r.add(v);
                }
            });
            ArrayNode r = n.putArray("right");
            e.right().forEach(r::add);
            lines.add(JSON.writeValueAsString(n));
        }
        Files.write(file, lines);
    }

    /** Reads examples written by {@link #writeExamples}; refuses a file of another feature set. */
    public static List<Example> readExamples(Path file) throws IOException {
        List<Example> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = JSON.readTree(line);
            List<double[]> features = new ArrayList<>();
            for (JsonNode row : n.path("features")) {
                double[] f = new double[row.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = row.get(i).asDouble();
                }
                if (f.length != Features.NAMES.size()) {
                    throw new IllegalArgumentException("examples of " + f.length + " features in " + file + ", this build has "
                            + Features.NAMES.size() + ": collect them again");
                }
                features.add(f);
            }
            List<Boolean> right = new ArrayList<>();
            n.path("right").forEach(b -> right.add(b.asBoolean()));
            out.add(new Example(n.path("set").asText(), n.path("id").asText(), n.path("answerable").asBoolean(), features, right));
        }
        return out;
    }

    /**
     * Asks every item's earlier turns with {@code ask}, then collects the candidates of its last one with
     * {@code candidates} (a knowledge base's {@code ask} and {@code candidates}, passed as functions so that this
     * package does not depend on the one that assembles it).
     */
    public static List<Example> collect(String set, List<Item> items, BiFunction<String, Conversation, Answer> ask,
                                        BiFunction<String, Conversation, List<Candidate>> candidates) {
        List<Example> out = new ArrayList<>();
        for (Item item : items) {
            Conversation conversation = Conversation.empty();
            for (String turn : item.turns().subList(0, item.turns().size() - 1)) {
                conversation = conversation.with(new Conversation.Turn(turn, ask.apply(turn, conversation)));
            }
            List<Candidate> asked = candidates.apply(item.turns().get(item.turns().size() - 1), conversation);
            List<double[]> features = new ArrayList<>();
            List<Boolean> right = new ArrayList<>();
            for (Candidate c : asked) {
                features.add(c.features());
                right.add(item.answerable() && isRight(c.text(), item));
            }
            out.add(new Example(set, item.id(), item.answerable(), features, right));
        }
        return out;
    }

    /** Whether a sentence holds one of the item's evidence strings (or is part of one) and one alternative of every fact group. */
    static boolean isRight(String sentence, Item item) {
        String s = alnum(sentence);
        boolean evidence = item.evidence().stream().map(ModelTrainer::alnum)
                .anyMatch(e -> !e.isBlank() && (s.contains(e) || e.contains(s) && s.strip().length() >= 20));
        return evidence && item.facts().stream().allMatch(g -> g.stream().anyMatch(a -> s.contains(alnum(a))));
    }

    /** As score.py compares: lower case, runs of anything but letters and digits as one space, padded. */
    static String alnum(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
        s = s.replaceAll("[^a-z0-9]+", " ").strip();
        return " " + s + " ";
    }

    /** What the procedure decided, and how each question came out. */
    record Fitted(SentenceModel model, double setting) {
    }

    /** Fits the model that ships: the whole procedure on every example. */
    public static SentenceModel fit(List<Example> examples, Objective objective, JsonNode provenance) {
        return fitAll(examples, objective, provenance).model();
    }

    private static Fitted fitAll(List<Example> examples, Objective objective, JsonNode provenance) {
        double penalty = chooseSetting(examples, objective);
        Ranker ranker = fitRanker(examples, penalty, objective);
        List<Scored> heldOut = new ArrayList<>();
        List<List<Example>> folds = folds(examples, INNER_FOLDS, 7);
        for (int k = 0; k < folds.size(); k++) {
            Ranker inner = fitRanker(without(folds, k), penalty, objective);
            folds.get(k).forEach(e -> heldOut.add(score(e, inner)));
        }
        LogisticRegression.Fit calibrator = fitCalibrator(heldOut);
        double cutoff = chooseCutoff(heldOut, calibrator);
        return new Fitted(new SentenceModel(SentenceModel.VERSION, ranker, calibrator, cutoff, provenance), penalty);
    }

    /**
     * The best candidate of one example under a ranker: the calibrator's inputs, whether it is right, and whether
     * one of the next candidates the answer cites with it is.
     */
    record Scored(Example example, double[] calibration, boolean right, boolean nextRight) {

        /** Whether the answer, citing the best candidate and the next ones, cites a right sentence. */
        boolean citesRight() {
            return right || nextRight;
        }
    }

    static Scored score(Example e, Ranker ranker) {
        if (e.features().isEmpty()) {
            return new Scored(e, SentenceModel.calibration(new double[] {SentenceModel.NO_CANDIDATE},
                    List.of(new double[Features.NAMES.size()]), 0), false, false);
        }
        int n = e.features().size();
        double[] z = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            z[i] = ranker.logit(e.features().get(i));
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -z[i]));
        double[] logits = new double[n];
        List<double[]> features = new ArrayList<>();
        boolean nextRight = false;
        for (int k = 0; k < n; k++) {
            logits[k] = z[order[k]];
            features.add(e.features().get(order[k]));
            nextRight |= k > 0 && k < ExtractiveAnswerer.MAX_CITATIONS && e.right().get(order[k]);
        }
        double lead = n > 1 ? logits[0] - logits[1] : 0;
        return new Scored(e, SentenceModel.calibration(logits, features, lead), e.right().get(order[0]), nextRight);
    }

    /**
     * How much each question counts: every set the same in all, whatever its size, so the 450 SQuAD questions
     * do not outvote the news questions the bot is for; averaging 1 a question.
     */
    static Map<Example, Double> weights(List<Example> examples) {
        Map<String, Integer> perSet = new java.util.HashMap<>();
        examples.forEach(e -> perSet.merge(e.set(), 1, Integer::sum));
        Map<Example, Double> out = new java.util.IdentityHashMap<>();
        for (Example e : examples) {
            out.put(e, (double) examples.size() / perSet.size() / perSet.get(e.set()));
        }
        return out;
    }

    /**
     * Boosted trees fitted to {@value #BAGS} bootstrap samples of the questions (each drawn with replacement, as
     * many as there are), their scores averaged (bagging). One fit to a few hundred questions changes which
     * sentence leads for a handful of questions whenever a few examples change; the average of fits to resampled
     * sets moves less. The draws are seeded, so a refit of the same examples gives the same model.
     */
    static BoostedTrees bagged(List<double[][]> groups, List<double[]> targets, double[] weights, BoostedTrees.Settings settings) {
        Random random = new Random(BAG_SEED);
        List<BoostedTrees> bag = new ArrayList<>();
        for (int b = 0; b < BAGS; b++) {
            double[] drawn = new double[weights.length];
            for (int i = 0; i < weights.length; i++) {
                drawn[random.nextInt(weights.length)] += 1;
            }
            for (int i = 0; i < weights.length; i++) {
                drawn[i] *= weights[i];
            }
            bag.add(BoostedTrees.fitListwise(groups, targets, drawn, settings));
        }
        return BoostedTrees.average(bag);
    }

    /** @param penalty the linear ranker's penalty per question, or the boosted ranker's number of trees */
    static Ranker fitRanker(List<Example> examples, double penalty, Objective objective) {
        Map<Example, Double> weight = weights(examples);
        if (objective != Objective.POINTWISE) {
            List<double[][]> groups = new ArrayList<>();
            List<double[]> targets = new ArrayList<>();
            List<Double> groupWeights = new ArrayList<>();
            for (Example e : examples) {
                long right = e.right().stream().filter(b -> b).count();
                if (right == 0) {
                    continue;
                }
                groups.add(e.features().toArray(double[][]::new));
                groupWeights.add(weight.get(e));
                double[] t = new double[e.features().size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = e.right().get(i) ? 1.0 / right : 0;
                }
                targets.add(t);
            }
            double[] w = groupWeights.stream().mapToDouble(Double::doubleValue).toArray();
            if (objective == Objective.TREES) {
                return bagged(groups, targets, w, new BoostedTrees.Settings((int) penalty, TREE_DEPTH, LEARNING_RATE));
            }
            return LogisticRegression.fitListwise(groups, targets, w, penalty * groups.size());
        }
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (Example e : examples) {
            int n = e.features().size();
            for (int i = 0; i < n; i++) {
                x.add(e.features().get(i));
                y.add(e.right().get(i) ? 1 : 0);
                w.add(weight.get(e) / n);
            }
        }
        double total = examples.stream().filter(e -> !e.features().isEmpty()).count();
        return LogisticRegression.fit(x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray(), penalty * total);
    }

    static LogisticRegression.Fit fitCalibrator(List<Scored> scored) {
        Map<Example, Double> weight = weights(scored.stream().map(Scored::example).toList());
        double[][] x = new double[scored.size()][];
        int[] y = new int[scored.size()];
        double[] w = new double[scored.size()];
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            x[i] = s.calibration();
            y[i] = s.citesRight() ? 1 : 0;
            w[i] = weight.get(s.example());
        }
        return LogisticRegression.fit(x, y, w, CALIBRATOR_PENALTY * scored.size());
    }

    static double probability(LogisticRegression.Fit calibrator, Scored s) {
        return calibrator.probability(s.calibration());
    }

    /**
     * Whether the set judges a question right at this cut-off: unanswerable and declined, or answered (the best
     * candidate passes the cut-off) with a right sentence among those the answer cites.
     */
    static boolean judgedRight(Scored s, LogisticRegression.Fit calibrator, double cutoff) {
        boolean answered = probability(calibrator, s) >= cutoff;
        return s.example().answerable() ? answered && s.citesRight() : !answered;
    }

    /**
     * How many cut-off steps either side the count is averaged over before its best is taken. The count is
     * flat over a wide range and jagged within it (one question more or fewer per step), so the best single
     * step is mostly luck: fitted on everything, it picked a one-step spike at 0.44 within a plateau from 0.21
     * to 0.56, and the folds' choices ranged from 0.22 to 0.40. Averaged over ±0.05, held-out folds come out the
     * same or better and their cut-offs vary less (0.25 to 0.40).
     */
    static final int CUTOFF_WINDOW = 5;

    /**
     * The cut-off under which the most questions (each set weighing the same) come out right, as the sets judge
     * the answers, averaged over the {@link #CUTOFF_WINDOW} steps either side; of equals, the middle one.
     */
    static double chooseCutoff(List<Scored> scored, LogisticRegression.Fit calibrator) {
        Map<Example, Double> weight = weights(scored.stream().map(Scored::example).toList());
        double[] counts = new double[99];
        for (int i = 0; i < counts.length; i++) {
            double c = (i + 1) / 100.0;
            for (Scored s : scored) {
                counts[i] += judgedRight(s, calibrator, c) ? weight.get(s.example()) : 0;
            }
        }
        return (smoothedBest(counts, CUTOFF_WINDOW) + 1) / 100.0;
    }

    /** The index whose mean over the values up to {@code window} either side is largest; of equals, the middle one. */
    static int smoothedBest(double[] values, int window) {
        double best = Double.NEGATIVE_INFINITY;
        List<Integer> bestAt = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - window); j <= Math.min(values.length - 1, i + window); j++) {
                sum += values[j];
                n++;
            }
            double mean = sum / n;
            if (mean > best + 1e-9) {
                best = mean;
                bestAt.clear();
            }
            if (Math.abs(mean - best) <= 1e-9) {
                bestAt.add(i);
            }
        }
        return bestAt.get(bestAt.size() / 2);
    }

    /** The setting (trees or penalty) whose rankers put a right sentence first for the most answerable questions, by inner cross-validation. */
    static double chooseSetting(List<Example> examples, Objective objective) {
        List<List<Example>> folds = folds(examples, INNER_FOLDS, 11);
        double best = objective.grid()[0];
        Map<Example, Double> weight = weights(examples);
        double bestRight = -1;
        for (double penalty : objective.grid()) {
            double right = 0;
            for (int k = 0; k < folds.size(); k++) {
                Ranker r = fitRanker(without(folds, k), penalty, objective);
                for (Example e : folds.get(k)) {
                    right += e.answerable() && score(e, r).right() ? weight.get(e) : 0;
                }
            }
            if (right > bestRight) {
                bestRight = right;
                best = penalty;
            }
        }
        return best;
    }

    /** Splits the examples into k folds, each set spread evenly, in a fixed shuffled order. */
    static List<List<Example>> folds(List<Example> examples, int k, long seed) {
        List<List<Example>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        Map<String, List<Example>> bySet = new LinkedHashMap<>();
        examples.forEach(e -> bySet.computeIfAbsent(e.set(), s -> new ArrayList<>()).add(e));
        int next = 0;
        for (List<Example> set : bySet.values()) {
            List<Example> shuffled = new ArrayList<>(set);
            shuffled.sort(Comparator.comparing(Example::id));
            java.util.Collections.shuffle(shuffled, new Random(seed));
            for (Example e : shuffled) {
                folds.get(next++ % k).add(e);
            }
        }
        return folds;
    }

    private static List<Example> without(List<List<Example>> folds, int k) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            if (i != k) {
                out.addAll(folds.get(i));
            }
        }
        return out;
    }

    /**
     * Runs the whole fitting procedure k times, each time on all folds but one, and reports on the fold held
     * out: per fold and set, answerable questions answered right, unanswerable ones declined, and how often a
     * right sentence was among the candidates at all; and under {@code questions}, each question's probability,
     * where its first right sentence ranked, whether the set judges it right, and whether its answer would cite a
     * right sentence whatever the cut-off (to compare cut-offs other than the fold's), the calibrator's inputs,
     * and every candidate's score in the example's order (to try other calibrators on held-out scores). The
     * questions are dealt into folds in the order {@code shuffle} seeds: a refit moves a held-out total by a few
     * questions when a handful of examples change, so a change is judged on several splits, not one.
     */
    public static ObjectNode crossValidate(List<Example> examples, int k, long shuffle, Objective objective,
                                           Consumer<String> progress) {
        List<List<Example>> folds = folds(examples, k, shuffle);
        Map<String, int[]> totals = new LinkedHashMap<>();
        ArrayNode perFold = JSON.createArrayNode();
        ArrayNode questions = JSON.createArrayNode();
        for (int f = 0; f < folds.size(); f++) {
            Fitted fitted = fitAll(without(folds, f), objective, JSON.createObjectNode());
            SentenceModel m = fitted.model();
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (Example e : folds.get(f)) {
                Scored s = score(e, m.ranker());
                ObjectNode q = questions.addObject();
                q.put("set", e.set());
                q.put("id", e.id());
                q.put("answerable", e.answerable());
                q.put("fold", f + 1);
                q.put("probability", Math.round(probability(m.calibrator(), s) * 1000) / 1000.0);
                q.put("rightRank", rightRank(e, m.ranker()));
                q.put("judgedRight", judgedRight(s, m.calibrator(), m.cutoff()));
                q.put("citesRight", s.citesRight());
                ArrayNode inputs = q.putArray("calibration");
                for (double v : s.calibration()) {
                    inputs.add(v);
                }
                ArrayNode logits = q.putArray("logits");
                for (double[] x : e.features()) {
                    logits.add(m.ranker().logit(x));
                }
                int[] c = counts.computeIfAbsent(e.set(), x -> new int[6]);
                int[] t = totals.computeIfAbsent(e.set(), x -> new int[6]);
                for (int[] a : List.of(c, t)) {
                    if (e.answerable()) {
                        a[0] += judgedRight(s, m.calibrator(), m.cutoff()) ? 1 : 0;
                        a[1]++;
                        a[4] += s.right() ? 1 : 0;
                        a[5] += e.anyRight() ? 1 : 0;
                    } else {
                        a[2] += judgedRight(s, m.calibrator(), m.cutoff()) ? 1 : 0;
                        a[3]++;
                    }
                }
            }
            ObjectNode fold = perFold.addObject();
            fold.put("fold", f + 1);
            fold.put("setting", fitted.setting());
            fold.put("cutoff", m.cutoff());
            ObjectNode sets = fold.putObject("sets");
            counts.forEach((set, c) -> sets.set(set, counts(c)));
            progress.accept(String.format(Locale.ROOT, "fold %d/%d (setting %s, cut-off %.2f): %s", f + 1, folds.size(),
                    fitted.setting(), m.cutoff(), describe(counts)));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("folds", k);
        root.put("objective", objective.name().toLowerCase(Locale.ROOT));
        root.set("perFold", perFold);
        ObjectNode sum = root.putObject("heldOut");
        totals.forEach((set, c) -> sum.set(set, counts(c)));
        root.set("questions", questions);
        progress.accept("held out, all folds: " + describe(totals));
        return root;
    }

    /** Where the first right candidate stands under the ranker, from 1; 0 when no candidate is right. */
    static int rightRank(Example e, Ranker ranker) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < e.features().size(); i++) {
            if (e.right().get(i)) {
                best = Math.max(best, ranker.logit(e.features().get(i)));
            }
        }
        if (best == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        int rank = 1;
        for (double[] f : e.features()) {
            rank += ranker.logit(f) > best ? 1 : 0;
        }
        return rank;
    }

    private static ObjectNode counts(int[] c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("answered", c[0] + "/" + c[1]);
        n.put("declined", c[2] + "/" + c[3]);
        n.put("rightFirst", c[4] + "/" + c[1]);
        n.put("rightRetrieved", c[5] + "/" + c[1]);
        return n;
    }

    private static String describe(Map<String, int[]> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((set, c) -> sb.append(String.format(Locale.ROOT,
                "%s answerable %d/%d, unanswerable %d/%d (right first %d, retrieved %d); ",
                set, c[0], c[1], c[2], c[3], c[4], c[5])));
        return sb.toString().strip();
    }
}
