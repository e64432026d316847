package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.index.TermStats;
import dev.briefing.knowledge.query.Conversation;
import dev.briefing.knowledge.retrieve.Retriever;
import dev.briefing.knowledge.retrieve.ScoredPassage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline answerer: picks the one to three sentences of the retrieved passages that answer the question
 * and cites them verbatim. No generative model is involved, so every word of an answer is an article's.
 *
 * <p>Each sentence of the retrieved passages is scored by how much of the question's weight (idf of its
 * content terms) it covers: fully for terms in the sentence, partly for terms in its neighbours or title
 * ({@link SentenceScore}). The bot answers only when a sentence covers enough of the question and holds
 * the kind of detail asked for (a number for "how many", a time for "when", a name the question lacks for
 * "who"); otherwise it says what the articles cover instead.
 */
public final class ExtractiveAnswerer implements Answerer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractiveAnswerer.class);

    /** Passages read per question: enough to reach past wire copies of the same story. */
    static final int PASSAGES = 12;
    /** Below this share of the question's weight, a sentence does not answer it. Tuned on the dev set. */
    static final double MIN_COVERAGE = 0.62;
    /** The bar when the sentence holds the very detail a "how many", "when" or "who" question asks for. */
    static final double MIN_COVERAGE_WITH_DETAIL = 0.55;
    /** The sentence itself (not only its neighbours) must hold this share. */
    static final double MIN_SELF = 0.3;
    /** Extra citations must score this close to the best one. */
    static final double EXTRA_RATIO = 0.9;
    static final int MAX_CITATIONS = 3;
    /** Near-duplicate sentences (wire copies) share at least this fraction of their stems. */
    static final double DUPLICATE_JACCARD = 0.6;

    private static final Pattern ANAPHOR_OPENING = Pattern.compile(
            "^[\"“‘']?(He|She|It|They|This|That|These|Those|His|Her|Its|Their|The now|The former|Him)\\b");
    private static final Pattern QUOTE_RUN_ON = Pattern.compile("[\"“”‘’]|\\b(said|added|says|wrote|continued)\\b");
    /** A next sentence that continues the same speaker: it opens a quote, or "he said", "she added". */
    private static final Pattern SAME_SPEAKER = Pattern.compile(
            "^[\"“‘]|\\b(he|she|they)\\s+(said|added|says|continued|wrote|stressed|warned)\\b|\\b(said|added)\\s+(he|she)\\b",
            Pattern.CASE_INSENSITIVE);
    /** What a definition says: "X is a ...", "consists of", "includes", "is regarded as". */
    private static final Pattern DESCRIBES = Pattern.compile(
            "\\b(is|are|was|were) (a|an|the|one)\\b|\\b(consists? of|comprises?|includes?|is made up of|regarded as|known as|"
                    + "refers to|stands for|means|describes? itself as)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REASON = Pattern.compile(
            "\\b(because|due to|as a result|triggered|caused|in order to|so that|so as to|in view of|on a .{0,30}visit|aimed at|reason)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A name in nearly every passage (the story's country) is background, not an answer to "who". */
    static final double SPECIFIC_IDF = 1.5;
    private static final Pattern DIGITS = Pattern.compile("\\d[\\d,.]*");

    private final LuceneIndex index;
    private final TermStats stats;
    private final Retriever retriever;
    private final Acronyms acronyms;
    private final Supplier<String> coverage;
    private final QuestionReader reader;

    /**
     * @param index passages, articles and the analyzer
     * @param stats term statistics of the index as it is now
     * @param retriever finds candidate passages
     * @param acronyms the acronyms the articles define
     * @param coverage describes what the articles cover, for the reply when they do not answer
     */
    public ExtractiveAnswerer(LuceneIndex index, TermStats stats, Retriever retriever, Acronyms acronyms,
                              Supplier<String> coverage) {
        this.index = index;
        this.stats = stats;
        this.retriever = retriever;
        this.acronyms = acronyms;
        this.coverage = coverage;
        this.reader = new QuestionReader(index, stats, acronyms);
    }

    @Override
    public Answer answer(String query, Conversation conversation) {
        Question q = reader.read(query);
        if (q.terms().isEmpty() || q.terms().stream().noneMatch(Question.Term::known)) {
            return notFound(query);
        }
        List<ScoredPassage> passages = new ArrayList<>(retriever.retrieve(acronyms.expandAll(query), PASSAGES));
        Set<String> previous = previouslyCited(conversation);
        addPreviousPassages(passages, previous);
        List<SentenceScore> scored = score(q, passages, previous, !conversation.isEmpty() && query.contains("(about:"));
        if (LOG.isDebugEnabled()) {
            explain(q, scored);
        }
        List<SentenceScore> eligible = scored.stream()
                .filter(s -> s.eligible(q.type(), q.type().required ? MIN_COVERAGE_WITH_DETAIL : MIN_COVERAGE, MIN_SELF))
                .toList();
        if (eligible.isEmpty()) {
            return notFound(query);
        }
        List<SentenceScore> chosen = choose(q, eligible);
        Map<String, List<Passage>> copiesOf = new java.util.HashMap<>();
        passages.forEach(p -> copiesOf.put(p.passage().id(), p.copies()));
        return compose(q, query, chosen, scored, copiesOf);
    }

    private static void explain(Question q, List<SentenceScore> scored) {
        LOG.debug("question {} type={} terms={}", q.text(), q.type(), q.terms().stream()
                .map(t -> String.format("%s:%.2f%s", t.stem(), t.mass(), t.known() ? "" : "?")).toList());
        scored.stream().sorted(Comparator.comparingDouble(SentenceScore::total).reversed()).limit(6).forEach(s ->
                LOG.debug("  {} cov={} self={} type={} retr={} dense={} bonus={} | {}", String.format("%.3f", s.total()),
                        String.format("%.2f", s.coverage()), String.format("%.2f", s.self()), s.typeOk(),
                        String.format("%.2f", s.retrieval()), String.format("%.3f", s.dense()), s.bonus(), s.text().length() > 110 ? s.text().substring(0, 110) : s.text()));
    }

    private Answer notFound(String query) {
        return Answer.notFound("The articles don't answer that. " + coverage.get(), query);
    }

    private Set<String> previouslyCited(Conversation conversation) {
        Set<String> out = new HashSet<>();
        if (!conversation.isEmpty()) {
            Conversation.Turn last = conversation.turns().get(conversation.turns().size() - 1);
            last.answer().citations().forEach(c -> out.add(c.passageId()));
        }
        return out;
    }

    /** A follow-up may be answered next to what was cited last ("Who reported it?"): read those passages too. */
    private void addPreviousPassages(List<ScoredPassage> passages, Set<String> previous) {
        Set<String> have = new HashSet<>();
        passages.forEach(p -> have.add(p.passage().id()));
        for (String id : previous) {
            index.passage(id).ifPresent(p -> {
                for (int i = p.index() - 1; i <= p.index() + 1; i++) {
                    index.passage(Passage.idOf(p.articleId(), i))
                            .filter(n -> have.add(n.id()))
                            .ifPresent(n -> passages.add(new ScoredPassage(n, 0, null, null)));
                }
            });
        }
    }

    private List<SentenceScore> score(Question q, List<ScoredPassage> passages, Set<String> previous, boolean followUp) {
        double top = passages.stream().mapToDouble(ScoredPassage::score).max().orElse(1);
        Set<String> questionStems = new HashSet<>();
        q.terms().forEach(t -> questionStems.add(t.stem()));
        List<SentenceScore> out = new ArrayList<>();
        for (ScoredPassage sp : passages) {
            Passage p = sp.passage();
            Article article = index.article(p.articleId()).orElseThrow();
            Set<String> title = new HashSet<>(index.analyze(article.title()));
            List<Set<String>> stems = new ArrayList<>();
            List<List<String>> openings = new ArrayList<>();
            for (Span s : p.sentences()) {
                List<String> ordered = index.analyze(p.sentenceText(s));
                stems.add(new HashSet<>(ordered));
                openings.add(ordered.subList(0, Math.min(OPENING_TERMS, ordered.size())));
            }
            Set<String> all = new HashSet<>();
            stems.forEach(all::addAll);
            boolean nearPrevious = previous.stream().anyMatch(id -> isNear(id, p));
            boolean samePassage = previous.contains(p.id());
            for (int i = 0; i < stems.size(); i++) {
                String text = p.sentenceText(p.sentences().get(i));
                Set<String> prev = i > 0 ? stems.get(i - 1) : Set.of();
                Set<String> next = i + 1 < stems.size() ? stems.get(i + 1) : Set.of();
                double[] cov = SentenceScore.coverage(q.terms(), stems.get(i), prev, next, all, title,
                        followUp && samePassage, sp.denseScore());
                boolean typeOk = typeHolds(q.type(), text, questionStems);
                double retrieval = top > 0 ? sp.score() / top : 0;
                double bonus = (followUp && samePassage ? 0.15 : followUp && nearPrevious ? 0.05 : 0)
                        + (!q.type().required && typeOk ? softTypeBonus(q.type()) : 0)
                        + (opensWithName(q, openings.get(i)) ? SUBJECT_BONUS : 0);
                out.add(new SentenceScore(article, p, i, text, stems.get(i), cov[0], cov[1], cov[2], cov[3], cov[4] > 0, cov[5], typeOk,
                        retrieval, sp.denseScore(), bonus));
            }
        }
        return out;
    }

    /** A sentence that opens with a name the question asks about is about it, not merely mentioning it. */
    static final double SUBJECT_BONUS = 0.05;
    /** The sentence's first content terms (stop words aside), where its subject stands. */
    static final int OPENING_TERMS = 3;

    private static boolean opensWithName(Question q, List<String> opening) {
        return q.terms().stream().anyMatch(t -> t.proper() && !t.context() && opening.contains(t.stem()));
    }

    /** How much holding a soft answer type counts: a definition is what "what is X" asks for, the rest are hints. */
    private static double softTypeBonus(AnswerType type) {
        return type == AnswerType.DEFINITION ? 0.1 : 0.05;
    }

    private static boolean isNear(String passageId, Passage p) {
        int hash = passageId.lastIndexOf('#');
        if (hash < 0 || !passageId.substring(0, hash).equals(p.articleId())) {
            return false;
        }
        int index = Integer.parseInt(passageId.substring(hash + 1));
        return Math.abs(index - p.index()) <= 1;
    }

    private boolean typeHolds(AnswerType type, String sentence, Set<String> questionStems) {
        return switch (type) {
            case NUMBER -> Evidence.hasNumber(sentence);
            case TIME -> Evidence.hasTime(sentence);
            case AGENT, PLACE -> Evidence.namesSomethingNew(sentence, questionStems, this::specificStems);
            case REASON -> REASON.matcher(sentence).find();
            case DEFINITION -> DESCRIBES.matcher(sentence).find();
            case IDENTITY -> sentence.matches("(?s).*(\\([A-Z]{2,}\\)|\\b(is|are|was|were) (a|an|the)\\b|, (a|an|the) ).*");
            case STATEMENT -> QUOTE_RUN_ON.matcher(sentence).find();
            case OTHER -> true;
        };
    }

    /** The stems of a word, left out when they are too common to name anyone in particular. */
    private List<String> specificStems(String word) {
        List<String> stems = index.analyze(word);
        return stems.stream().allMatch(s -> stats.idf(s) >= SPECIFIC_IDF) ? stems : List.of();
    }

    /** The best sentence, and up to two more that add a differing figure or another source. */
    private List<SentenceScore> choose(Question q, List<SentenceScore> eligible) {
        List<SentenceScore> ranked = new ArrayList<>(eligible);
        Comparator<SentenceScore> order = Comparator.comparingDouble((SentenceScore s) -> s.total())
                .reversed();
        ranked.sort(order);
        SentenceScore best = ranked.get(0);
        if (q.wantsLatest()) {
            best = newestAmongBest(ranked, best, q);
        }
        List<SentenceScore> chosen = new ArrayList<>(List.of(best));
        double bar = best.total() * EXTRA_RATIO;
        Set<String> figures = figures(best.text());
        for (SentenceScore s : ranked) {
            if (chosen.size() >= MAX_CITATIONS || s.total() < bar) {
                break;
            }
            if (chosen.stream().anyMatch(c -> c.sameSentence(s) || c.duplicates(s, DUPLICATE_JACCARD) || c.article().equals(s.article()))) {
                continue;
            }
            if (q.type() == AnswerType.NUMBER) {
                Set<String> f = figures(s.text());
                if (f.isEmpty() || figures.containsAll(f)) {
                    continue;
                }
                figures.addAll(f);
            } else if (!addsTerm(q, chosen, s)) {
                continue;
            }
            chosen.add(s);
        }
        return chosen;
    }

    /** Whether a sentence holds a question term that none of the chosen ones holds. */
    private static boolean addsTerm(Question q, List<SentenceScore> chosen, SentenceScore s) {
        for (Question.Term t : q.terms()) {
            if (s.stems().contains(t.stem()) && chosen.stream().noneMatch(c -> c.stems().contains(t.stem()))) {
                return true;
            }
        }
        return false;
    }

    /** For "latest figures": among answers nearly as good as the best, the one from the newest article. */
    private static SentenceScore newestAmongBest(List<SentenceScore> ranked, SentenceScore best, Question q) {
        SentenceScore newest = best;
        for (SentenceScore s : ranked) {
            if (s.total() < best.total() * EXTRA_RATIO) {
                break;
            }
            LocalDate d = s.article().date();
            if (d != null && (newest.article().date() == null || d.isAfter(newest.article().date()))) {
                newest = s;
            }
        }
        return newest;
    }

    private static Set<String> figures(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = DIGITS.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("[,.]$", ""));
        }
        return out;
    }

    private Answer compose(Question q, String query, List<SentenceScore> chosen, List<SentenceScore> all,
                           Map<String, List<Passage>> copiesOf) {
        List<Citation> citations = new ArrayList<>();
        for (SentenceScore s : chosen) {
            Span span = extend(q, s);
            SentenceScore shown = bestDatedCopy(s, all);
            if (shown != s) {
                span = shown.passage().sentences().get(shown.index());
            }
            Article a = shown.article();
            List<Citation.Source> also = new ArrayList<>();
            Map<String, Article> others = new LinkedHashMap<>();
            for (SentenceScore o : all) {
                if (!o.article().id().equals(a.id()) && o.duplicates(shown, DUPLICATE_JACCARD)) {
                    others.putIfAbsent(o.article().id(), o.article());
                }
            }
            for (Passage copy : copiesOf.getOrDefault(s.passage().id(), List.of())) {
                if (!copy.articleId().equals(a.id())) {
                    index.article(copy.articleId()).ifPresent(o -> others.putIfAbsent(o.id(), o));
                }
            }
            others.values().forEach(o -> also.add(new Citation.Source(o.id(), o.title(), o.date())));
            citations.add(new Citation(a.slice(span.start(), span.end()), a.id(), a.title(), a.date(),
                    span.start(), span.end(), shown.passage().id(), also));
        }
        return new Answer(true, text(q, citations), citations, query);
    }

    /**
     * Widens the quote to whole thoughts: back one sentence when this one leans on it ("The now 81-year-old
     * ..." after the sentence naming him), forward over a statement's run-on quote ("... she said.").
     */
    private Span extend(Question q, SentenceScore s) {
        List<Span> sentences = s.passage().sentences();
        int from = s.index();
        int to = s.index();
        if (from > 0 && (ANAPHOR_OPENING.matcher(s.text()).find() || s.leansOnPrevious())) {
            from--;
        }
        if (q.type() == AnswerType.STATEMENT) {
            while (to + 1 < sentences.size() && to - s.index() < 3
                    && (openQuote(s.article().slice(sentences.get(from).start(), sentences.get(to).end()))
                    || SAME_SPEAKER.matcher(s.passage().sentenceText(sentences.get(to + 1))).find())) {
                to++;
            }
        } else if (to + 1 < sentences.size() && s.leansOnNext()) {
            to++;
        }
        return new Span(sentences.get(from).start(), sentences.get(to).end());
    }

    /** Whether a quotation opened in the text is still open at its end (it runs on into the next sentence). */
    static boolean openQuote(String text) {
        long open = text.chars().filter(c -> c == '“').count();
        long close = text.chars().filter(c -> c == '”').count();
        long straight = text.chars().filter(c -> c == '"').count();
        return open > close || straight % 2 == 1;
    }

    /** Of a sentence's wire copies among the candidates, the one from the best-dated article (then the earliest). */
    private static SentenceScore bestDatedCopy(SentenceScore s, List<SentenceScore> all) {
        SentenceScore best = s;
        for (SentenceScore o : all) {
            if (o != s && o.duplicates(s, 0.9) && betterDated(o.article(), best.article())) {
                best = o;
            }
        }
        return best;
    }

    private static boolean betterDated(Article a, Article b) {
        return Article.BY_DATING.compare(a, b) < 0;
    }

    private static String text(Question q, List<Citation> citations) {
        StringBuilder sb = new StringBuilder();
        boolean differing = q.type() == AnswerType.NUMBER && citations.size() > 1;
        if (differing) {
            sb.append("Reports differ. ");
        }
        for (int i = 0; i < citations.size(); i++) {
            Citation c = citations.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            if (differing) {
                sb.append(c.title()).append(" (").append(c.dateLabel()).append("): ");
            }
            sb.append(c.quote().replaceAll("\\s+", " ").strip()).append(" [").append(i + 1).append(']');
        }
        return sb.toString();
    }
}
