package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.article.Article;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * An extractive, centroid-based summarizer (after MEAD): the points are verbatim sentences of the day's
 * articles, ranked by how well they stand for the day as a whole.
 *
 * <p>How a sentence is ranked, each part in [0, 1] and kept in its {@link Score}:
 * <ol>
 *   <li><b>centrality</b> ({@value #W_CENTRALITY}): the cosine between the sentence's TF-IDF vector and the
 *       day's centroid. IDF is computed over the day's sentences; the centroid is the sum of one unit vector
 *       per article, so a long article does not outweigh a short one.</li>
 *   <li><b>coverage</b> ({@value #W_COVERAGE}): the share of the day's <em>other</em> articles holding a
 *       sentence with cosine at least {@value #SIMILAR} to it: a fact many outlets report matters more.</li>
 *   <li><b>position</b> ({@value #W_POSITION}): {@code 1/sqrt(1 + i)} for the article's i-th citable
 *       sentence, since news puts the essentials first.</li>
 * </ol>
 * Points are then chosen by maximal marginal relevance: each next point is the sentence with the best total
 * minus {@value #MMR_PENALTY} times its highest cosine to a point already chosen, and a sentence at
 * {@value #REDUNDANT} or above is never chosen: that is how the same story told by several wire copies yields
 * one point, and a paraphrase of a point gives way to another fact. Ties go by article id and offset, so the
 * result is deterministic; the chosen points are shown by total, most important first. The copies whose sentence is nearly identical
 * (cosine at least {@value #WIRE_COPY}) are listed in the point's {@code alsoReportedBy}. A day of
 * {@code n} articles gets {@code clamp(n + 2, 3, 7)} points, fewer only when it lacks distinct sentences.
 *
 * <p>"New since the day before" holds up to {@value #MAX_NEW} further sentences whose highest cosine to any
 * sentence of the day before is at most {@value #SEEN}, chosen the same way with the main points counted as
 * already taken, so they repeat neither a point nor each other.
 *
 * <p>Only the {@value #SHORTLIST} best sentences by centrality and position are scored for coverage and
 * novelty, which keeps a day of hundreds of articles to a fraction of a second. Stateless and thread-safe.
 */
public final class CentroidSummarizer implements Summarizer {

    static final double W_CENTRALITY = 0.5;
    static final double W_COVERAGE = 0.3;
    static final double W_POSITION = 0.2;
    /** Cosine above which another article counts as reporting the same fact. */
    static final double SIMILAR = 0.25;
    /** Cosine at which a candidate says what a chosen point already says. */
    static final double REDUNDANT = 0.5;
    /** How much overlap with points already taken costs a candidate (maximal marginal relevance). */
    static final double MMR_PENALTY = 0.7;
    /** Cosine at which two sentences are copies of one wire text. */
    static final double WIRE_COPY = 0.8;
    /** Highest cosine to the day before at which a sentence still counts as new. */
    static final double SEEN = 0.35;
    static final int SHORTLIST = 150;
    static final int MAX_NEW = 3;

    @Override
    public String algorithm() {
        return "centroid-v4 w=" + W_CENTRALITY + "/" + W_COVERAGE + "/" + W_POSITION + " redundant=" + REDUNDANT
                + " mmr=" + MMR_PENALTY + " seen=" + SEEN;
    }

    @Override
    public Summary summarize(LocalDate day, List<Article> articles, List<Article> dayBefore) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("no articles on " + day + " to summarize");
        }
        List<Article> sorted = articles.stream().sorted(Comparator.comparing(Article::id)).toList();
        List<Sentence> sentences = new ArrayList<>();
        sorted.forEach(a -> sentences.addAll(Sentences.of(a)));
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("the " + articles.size() + " articles of " + day
                    + " have no citable sentence (" + Sentences.MIN_CHARS + " to " + Sentences.MAX_CHARS + " characters)");
        }

        Terms terms = new Terms();
        List<int[]> ids = sentences.stream().map(s -> terms.add(s.text())).toList();
        Vector[] vec = ids.stream().map(terms::vector).toArray(Vector[]::new);
        Vector centroid = centroid(sentences, vec, headlines(sorted, terms));

        int n = sentences.size();
        double[] centrality = new double[n];
        double[] position = new double[n];
        for (int i = 0; i < n; i++) {
            centrality[i] = clamp(vec[i].dot(centroid));
            position[i] = 1.0 / Math.sqrt(1 + sentences.get(i).ordinal());
        }
        Comparator<Integer> byOffset = Comparator.<Integer, String>comparing(i -> sentences.get(i).article().id())
                .thenComparingInt(i -> sentences.get(i).start());
        List<Integer> shortlist = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shortlist.add(i);
        }
        shortlist.sort(Comparator.<Integer>comparingDouble(i -> -(W_CENTRALITY * centrality[i] + W_POSITION * position[i]))
                .thenComparing(byOffset));
        shortlist = new ArrayList<>(shortlist.subList(0, Math.min(SHORTLIST, n)));

        double[] coverage = new double[n];
        double[] novelty = new double[n];
        double[] total = new double[n];
        List<Vector> before = vectorsOf(dayBefore, terms);
        for (int i : shortlist) {
            coverage[i] = coverage(i, sentences, vec, sorted.size());
            novelty[i] = before.isEmpty() ? 1.0 : clamp(1 - maxDot(vec[i], before));
            total[i] = W_CENTRALITY * centrality[i] + W_COVERAGE * coverage[i] + W_POSITION * position[i];
        }
        shortlist.sort(Comparator.<Integer>comparingDouble(i -> -total[i]).thenComparing(byOffset));

        int target = Math.max(Summary.MIN_POINTS, Math.min(Summary.MAX_POINTS, sorted.size() + 2));
        List<Integer> picked = select(shortlist, total, vec, target, List.of());
        picked.sort(Comparator.<Integer>comparingDouble(i -> -total[i]).thenComparing(byOffset));
        List<Integer> fresh = new ArrayList<>();
        if (!before.isEmpty()) {
            List<Integer> novel = shortlist.stream().filter(i -> novelty[i] >= 1 - SEEN && !picked.contains(i)).toList();
            fresh = select(novel, total, vec, MAX_NEW, picked);
            fresh.sort(Comparator.<Integer>comparingDouble(i -> -total[i]).thenComparing(byOffset));
        }
        LocalDate previous = dayBefore.isEmpty() ? null : day.minusDays(1);
        return new Summary(day, sorted.size(),
                points(picked, sentences, vec, centrality, coverage, position, novelty, total),
                previous,
                points(fresh, sentences, vec, centrality, coverage, position, novelty, total));
    }

    /**
     * Maximal marginal relevance: repeatedly takes the sentence with the best {@code total - }{@value #MMR_PENALTY}
     * {@code * (highest cosine to a sentence already taken)}, never one at {@value #REDUNDANT} or above.
     */
    private static List<Integer> select(List<Integer> ranked, double[] total, Vector[] vec, int target, List<Integer> taken) {
        List<Integer> picked = new ArrayList<>();
        List<Integer> left = new ArrayList<>(ranked);
        while (picked.size() < target) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i : left) {
                double overlap = 0;
                for (int j : picked) {
                    overlap = Math.max(overlap, vec[i].dot(vec[j]));
                }
                for (int j : taken) {
                    overlap = Math.max(overlap, vec[i].dot(vec[j]));
                }
                double value = total[i] - MMR_PENALTY * overlap;
                // left is in rank order, so a strict > keeps the deterministic tie-break
                if (overlap < REDUNDANT && value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            if (best < 0) {
                break;
            }
            picked.add(best);
            left.remove(Integer.valueOf(best));
        }
        return picked;
    }

    /**
     * One unit vector per article, half its sentences and half its headline (the editor's own statement of
     * what the story is), summed and normalised.
     */
    private static Vector centroid(List<Sentence> sentences, Vector[] vec, java.util.Map<String, Vector> headlines) {
        TreeMap<String, List<Vector>> byArticle = new TreeMap<>();
        for (int i = 0; i < vec.length; i++) {
            byArticle.computeIfAbsent(sentences.get(i).article().id(), k -> new ArrayList<>()).add(vec[i]);
        }
        List<Vector> perArticle = new ArrayList<>();
        byArticle.forEach((id, v) -> {
            Vector body = Vector.sum(v, 1.0).unit();
            Vector headline = headlines.get(id);
            perArticle.add(headline == null ? body : Vector.sum(List.of(body, headline), 1.0).unit());
        });
        return Vector.sum(perArticle, 1.0).unit();
    }

    /** Each article's headline as a unit vector in the day's term space, when it has terms the day's sentences use. */
    private static java.util.Map<String, Vector> headlines(List<Article> articles, Terms terms) {
        java.util.Map<String, Vector> out = new java.util.HashMap<>();
        for (Article a : articles) {
            Vector v = terms.vector(terms.ids(a.title(), true));
            if (v.norm() > 0) {
                out.put(a.id(), v.unit());
            }
        }
        return out;
    }

    private static double coverage(int i, List<Sentence> sentences, Vector[] vec, int articles) {
        if (articles < 2) {
            return 0;
        }
        String own = sentences.get(i).article().id();
        Set<String> reporting = new HashSet<>();
        for (int j = 0; j < vec.length; j++) {
            String other = sentences.get(j).article().id();
            if (!other.equals(own) && !reporting.contains(other) && vec[i].dot(vec[j]) >= SIMILAR) {
                reporting.add(other);
            }
        }
        return (double) reporting.size() / (articles - 1);
    }

    private static List<Vector> vectorsOf(List<Article> articles, Terms terms) {
        List<Vector> out = new ArrayList<>();
        articles.stream().sorted(Comparator.comparing(Article::id))
                .flatMap(a -> Sentences.of(a).stream())
                .forEach(s -> out.add(terms.vector(terms.ids(s.text(), true))));
        return out;
    }

    private static double maxDot(Vector v, List<Vector> others) {
        double max = 0;
        for (Vector o : others) {
            max = Math.max(max, v.dot(o));
        }
        return max;
    }

    private static List<Point> points(List<Integer> chosen, List<Sentence> sentences, Vector[] vec, double[] centrality,
                                      double[] coverage, double[] position, double[] novelty, double[] total) {
        List<Point> out = new ArrayList<>();
        for (int i : chosen) {
            Sentence s = sentences.get(i);
            Article a = s.article();
            TreeMap<String, Citation.Source> copies = new TreeMap<>();
            for (int j = 0; j < vec.length; j++) {
                Article other = sentences.get(j).article();
                if (!other.id().equals(a.id()) && vec[i].dot(vec[j]) >= WIRE_COPY) {
                    copies.putIfAbsent(other.id(), new Citation.Source(other.id(), other.title(), other.date()));
                }
            }
            Citation c = new Citation(s.text(), a.id(), a.title(), a.date(), s.start(), s.end(), s.passageId(),
                    List.copyOf(copies.values()));
            out.add(new Point(c, new Score(centrality[i], coverage[i], position[i], novelty[i], clamp(total[i]))));
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
