package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.index.Hit;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.index.TermStats;
import dev.briefing.knowledge.ingest.SentenceSplitter;
import dev.briefing.knowledge.query.FollowUpQueryTransformer;
import dev.briefing.knowledge.retrieve.Retriever;
import dev.briefing.knowledge.retrieve.ScoredPassage;
import dev.briefing.knowledge.retrieve.WireCopies;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The offline answerer: picks the one to three sentences of the retrieved passages that answer the question
 * and cites them verbatim. No generative model is involved, so every word of an answer is an article's.
 *
 * <p>Every sentence of the top passages is a candidate, but for the questions an article asks itself (an
 * explainer's subheads: the paragraph under a retrieved one is read instead). A candidate's {@link Features}
 * (retrieval ranks, the question's words it holds, its embedding's cosine to the question, whether it holds the
 * kind of detail asked for) are weighed by a learned {@link SentenceModel}. An answer cites the best sentence
 * and the next best ones, up to {@value #MAX_CITATIONS} (a few sentences, as a reader skims them); the best one's
 * score is calibrated into the probability that the sentences cited hold the answer, and below the model's one
 * cut-off the answerer abstains and says what the articles cover. Each answer carries its {@link Explanation}.
 */
public final class ExtractiveAnswerer implements Answerer {

    /** Passages read per question: enough to reach past wire copies of the same story. */
    static final int PASSAGES = 12;
    static final int MAX_CITATIONS = 3;
    /** Near-duplicate sentences (wire copies) share at least this fraction of their words. */
    static final double DUPLICATE_JACCARD = 0.6;
    /** Copies of one sentence, of which the best-dated is quoted, share at least this fraction of their words. */
    static final double SAME_SENTENCE_JACCARD = 0.9;

    private static final Pattern SAME_SPEAKER = Pattern.compile(
            "^[\"“‘]|\\b(he|she|they)\\s+(said|added|says|continued|wrote|stressed|warned)\\b|\\b(said|added)\\s+(he|she)\\b",
            Pattern.CASE_INSENSITIVE);

    private final LuceneIndex index;
    private final Retriever retriever;
    private final Acronyms acronyms;
    private final Function<String, float[]> questionVectors;
    private final Function<List<String>, List<float[]>> sentenceVectors;
    private final SentenceModel model;
    private final Supplier<String> coverage;
    private final QuestionReader reader;
    private final Features features;

    /**
     * @param index passages, articles and the analyzer
     * @param stats term statistics of the index as it is now
     * @param retriever finds candidate passages
     * @param acronyms the acronyms the articles define
     * @param questionVectors embeds a question with the query instruction (cached by the caller)
     * @param sentenceVectors embeds candidate sentences as documents, in one batch (the index's hash-cached
     *                        model, which keeps recent texts, so a sentence read again is not embedded again)
     * @param model weighs the candidates' features and decides when to abstain
     * @param coverage describes what the articles cover, for the reply when they do not answer
     */
    public ExtractiveAnswerer(LuceneIndex index, TermStats stats, Retriever retriever, Acronyms acronyms,
                              Function<String, float[]> questionVectors,
                              Function<List<String>, List<float[]>> sentenceVectors,
                              SentenceModel model, Supplier<String> coverage) {
        this.index = index;
        this.retriever = retriever;
        this.acronyms = acronyms;
        this.questionVectors = questionVectors;
        this.sentenceVectors = sentenceVectors;
        this.model = model;
        this.coverage = coverage;
        this.reader = new QuestionReader(index, stats, acronyms);
        this.features = new Features(index::analyze);
    }

    /**
     * The candidates of one question, best first, and what they were read from.
     *
     * @param words each candidate's word set, computed once for the wire-copy comparisons
     */
    private record Ranking(Question question, List<Candidate> ranked, Map<String, List<Passage>> copies,
                           Map<Candidate, Set<String>> words) {

        Ranking(Question question, List<Candidate> ranked, Map<String, List<Passage>> copies) {
            this(question, ranked, copies, new java.util.IdentityHashMap<>());
        }

        Set<String> wordsOf(Candidate c) {
            return words.computeIfAbsent(c, x -> WireCopies.words(x.text()));
        }

        /** Whether two candidates share at least {@code threshold} of their words. */
        boolean alike(Candidate a, Candidate b, double threshold) {
            return WireCopies.jaccard(wordsOf(a), wordsOf(b)) >= threshold;
        }
    }

    @Override
    public Answer answer(Query query, Conversation conversation) {
        String shown = FollowUpQueryTransformer.display(query);
        Ranking r = rank(query, conversation);
        if (r.ranked().isEmpty()) {
            return notFound(shown, Explanation.NONE);
        }
        Candidate best = r.ranked().get(0);
        Explanation why = decide(r, best);
        if (why.probability() < model.cutoff()) {
            return notFound(shown, why);
        }
        return compose(r, shown, joinAdjacent(choose(r, best)), why);
    }

    /**
     * Every candidate sentence of a question with its features and score, best first: what {@link ModelTrainer}
     * learns from.
     */
    public List<Candidate> candidates(Query query, Conversation conversation) {
        return rank(query, conversation).ranked();
    }

    private Ranking rank(Query query, Conversation conversation) {
        String context = FollowUpQueryTransformer.context(query);
        Question q = reader.read(query.text(), context);
        if (q.terms().isEmpty()) {
            // nothing but question words: nothing to look for ("a word no passage holds" is still searched fuzzily)
            return new Ranking(q, List.of(), Map.of());
        }
        String searched = context.isEmpty() ? query.text() : query.text() + " " + context;
        // One text, so one embedding (about 10 ms): retrieval searches by its vector and the features' cosines use
        // the same one, from the cache the retriever filled.
        String expanded = acronyms.expandAll(searched);
        List<ScoredPassage> passages = new ArrayList<>(retriever.retrieve(expanded, PASSAGES));
        Set<String> citedBefore = citedLastTurn(conversation);
        addCitedPassages(passages, citedBefore);
        addAnswersToSubheads(passages);
        List<String> texts = new ArrayList<>();
        for (ScoredPassage sp : passages) {
            sp.passage().sentences().forEach(s -> texts.add(sp.passage().sentenceText(s)));
        }
        List<float[]> vectors = sentenceVectors.apply(texts);
        List<Features.PassageView> views = new ArrayList<>();
        int at = 0;
        for (ScoredPassage sp : passages) {
            Article a = index.article(sp.passage().articleId()).orElseThrow();
            int n = sp.passage().sentences().size();
            List<List<String>> stems = texts.subList(at, at + n).stream().map(index::analyze).toList();
            Set<String> title = new HashSet<>(index.analyze(a.title()));
            views.add(new Features.PassageView(sp, views.size(), title, stems,
                    vectors.subList(at, at + n), subhead(sp.passage()).map(index::analyze).orElse(List.of()),
                    stem -> title.contains(stem) || index.articleHolds(a.id(), stem)));
            at += n;
        }
        List<double[]> rows = features.compute(new Features.Context(q, citedBefore, questionVectors.apply(expanded)), views);
        List<Candidate> out = new ArrayList<>();
        Map<String, List<Passage>> copies = new HashMap<>();
        int row = 0;
        for (ScoredPassage sp : passages) {
            copies.put(sp.passage().id(), sp.copies());
            Article a = index.article(sp.passage().articleId()).orElseThrow();
            for (int i = 0; i < sp.passage().sentences().size(); i++) {
                String text = texts.get(row);
                double[] f = rows.get(row++);
                // a question in the article (an explainer's subhead, a rhetorical question) states nothing: it is
                // never quoted as the answer, though its words still count for the sentences beside it
                if (!SentenceSplitter.asks(text)) {
                    out.add(new Candidate(a, sp.passage(), i, f, model.logit(f)));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::logit).reversed());
        return new Ranking(q, out, copies);
    }

    /**
     * A retrieved subhead ("What is the LIV Golf series?") is never quoted, and the paragraph under it answers it,
     * often without its words ("It's a new tour…"): read that paragraph too, found as the subhead was.
     */
    private void addAnswersToSubheads(List<ScoredPassage> passages) {
        Set<String> have = new HashSet<>();
        passages.forEach(p -> have.add(p.passage().id()));
        for (ScoredPassage sp : List.copyOf(passages)) {
            if (asked(sp.passage()).isPresent()) {
                index.passage(Passage.idOf(sp.passage().articleId(), sp.passage().index() + 1))
                        .filter(next -> have.add(next.id()))
                        .ifPresent(next -> passages.add(new ScoredPassage(next, sp.score(), foundAs(next, sp.lexical()),
                                foundAs(next, sp.dense()))));
            }
        }
    }

    private static Hit foundAs(Passage p, Hit subhead) {
        return subhead == null ? null : new Hit(p.id(), subhead.rank(), subhead.score());
    }

    /** The question standing alone in the paragraph before a passage: an explainer's subhead, which it answers. */
    private Optional<String> subhead(Passage p) {
        return index.passage(Passage.idOf(p.articleId(), p.index() - 1)).flatMap(ExtractiveAnswerer::asked);
    }

    /** A passage's one sentence when that sentence asks: a subhead. */
    private static Optional<String> asked(Passage p) {
        return Optional.of(p)
                .filter(one -> one.sentences().size() == 1)
                .map(one -> one.sentenceText(one.sentences().get(0)))
                .filter(SentenceSplitter::asks);
    }

    /**
     * Whether and how surely the model answers with a candidate, had nothing ranked above it: the calibrator reads
     * it and the candidates below it. For the best candidate, that is the answer's decision.
     */
    private Explanation decide(Ranking r, Candidate c) {
        List<Candidate> from = r.ranked().subList(r.ranked().indexOf(c), r.ranked().size());
        double[] x = SentenceModel.calibration(from.stream().mapToDouble(Candidate::logit).toArray(),
                from.stream().map(Candidate::features).toList(), leadOverRunnerUp(r, from));
        return model.explain(c.text(), c.features(), x);
    }

    /** How far the first of some ranked candidates leads the best one after it that is not a copy of it. */
    private static double leadOverRunnerUp(Ranking r, List<Candidate> ranked) {
        Candidate first = ranked.get(0);
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (!r.alike(first, c, DUPLICATE_JACCARD)) {
                return first.logit() - c.logit();
            }
        }
        return 0;
    }

    private Answer notFound(String query, Explanation why) {
        return new Answer(false, "The articles don't answer that. " + coverage.get(), List.of(), query, why);
    }

    private static Set<String> citedLastTurn(Conversation conversation) {
        Set<String> out = new HashSet<>();
        if (!conversation.isEmpty()) {
            Conversation.Turn last = conversation.turns().get(conversation.turns().size() - 1);
            last.answer().citations().forEach(c -> out.add(c.passageId()));
        }
        return out;
    }

    /** A follow-up may be answered next to what was cited last ("Who reported it?"): read those passages too. */
    private void addCitedPassages(List<ScoredPassage> passages, Set<String> cited) {
        Set<String> have = new HashSet<>();
        passages.forEach(p -> have.add(p.passage().id()));
        for (String id : cited) {
            index.passage(id).ifPresent(p -> {
                for (int i = p.index() - 1; i <= p.index() + 1; i++) {
                    index.passage(Passage.idOf(p.articleId(), i))
                            .filter(n -> have.add(n.id()))
                            .ifPresent(n -> passages.add(new ScoredPassage(n, 0, null, null)));
                }
            });
        }
    }

    /**
     * A chosen candidate, the copy of it that is quoted (the best-dated wire copy), and the quote's span in that
     * copy's article.
     */
    record Quote(Candidate candidate, Candidate shown, Span span) {
    }

    /** The quote of a candidate: its best-dated copy, widened to name what was asked about. */
    private Quote quote(Ranking r, Candidate c) {
        Candidate shown = bestDatedCopy(c, r);
        return new Quote(c, shown, extend(r.question(), shown));
    }

    /**
     * The best sentence and the next best ones, up to {@value #MAX_CITATIONS} in all, in their order: the model
     * often ranks the sentence that states the answer second or third, behind one that restates the question,
     * and a reader takes in three sentences at a glance. Wire copies of a chosen sentence, and sentences its
     * quote already takes in, are skipped; a sentence whose quote overlaps a chosen one grows that one instead.
     */
    private List<Quote> choose(Ranking r, Candidate best) {
        List<Quote> chosen = new ArrayList<>(List.of(quote(r, best)));
        int cited = 1;
        for (Candidate c : r.ranked()) {
            if (cited >= MAX_CITATIONS) {
                break;
            }
            if (chosen.stream().anyMatch(q -> q.candidate() == c || r.alike(q.candidate(), c, DUPLICATE_JACCARD))) {
                continue;
            }
            // a sentence of a story not cited yet is cited only if the model would answer with it alone
            if (chosen.stream().noneMatch(q -> q.candidate().article().id().equals(c.article().id()))
                    && decide(r, c).probability() < model.cutoff()) {
                continue;
            }
            if (take(chosen, quote(r, c))) {
                cited++;
            }
        }
        return chosen;
    }

    /**
     * Takes a further quote into the chosen ones: as a quote of its own when it shares no text with them, or as
     * what it adds to the one chosen quote it overlaps in the same passage, which grows to hold both. A quote
     * widened back over a chosen sentence ("They would have surrounded the square.") so keeps its own sentence,
     * where skipping it would cite a worse ranked one instead. Whether any text was added.
     */
    static boolean take(List<Quote> chosen, Quote next) {
        List<Integer> overlapped = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Quote q = chosen.get(i);
            if (q.shown().article().id().equals(next.shown().article().id())
                    && next.span().start() < q.span().end() && q.span().start() < next.span().end()) {
                overlapped.add(i);
            }
        }
        if (overlapped.isEmpty()) {
            chosen.add(next);
            return true;
        }
        Quote q = chosen.get(overlapped.get(0));
        Span both = new Span(Math.min(q.span().start(), next.span().start()),
                Math.max(q.span().end(), next.span().end()));
        if (overlapped.size() > 1 || both.equals(q.span())
                || !q.shown().passage().id().equals(next.shown().passage().id())) {
            return false;
        }
        chosen.set(overlapped.get(0), new Quote(q.candidate(), q.shown(), both));
        return true;
    }

    /**
     * Joins chosen quotes that stand next to each other in one paragraph, with nothing but white space between
     * them (or a dash set off by it, which parts a caption from the text on its line), into one quote in the
     * article's order, at the place of the better ranked: a reader gets one run of text rather than its halves in
     * the order they ranked, and a sentence split from its caption or its lead-in ("Where the storm hit: ...")
     * reads whole again. The answer keeps its sentences; only the quotes join. Quotes
     * in two paragraphs stay apart, so each still shows within its own paragraph under "Sources".
     */
    static List<Quote> joinAdjacent(List<Quote> chosen) {
        List<Quote> out = new ArrayList<>(chosen);
        for (int i = 0; i < out.size(); i++) {
            for (int j = i + 1; j < out.size(); j++) {
                Quote a = out.get(i);
                Quote b = out.get(j);
                if (!a.shown().passage().id().equals(b.shown().passage().id())) {
                    continue;
                }
                Quote first = a.span().start() <= b.span().start() ? a : b;
                Quote second = first == a ? b : a;
                if (first.span().end() <= second.span().start() && SentenceSplitter.onlyParts(
                        first.shown().article().slice(first.span().end(), second.span().start()))) {
                    Span joined = new Span(first.span().start(), second.span().end());
                    out.set(i, new Quote(first.candidate(), first.shown(), joined));
                    out.remove(j);
                    j = i; // the joined quote may now touch one compared before
                }
            }
        }
        return out;
    }

    private Answer compose(Ranking r, String query, List<Quote> chosen, Explanation why) {
        List<Citation> citations = new ArrayList<>();
        for (Quote q : chosen) {
            Candidate c = q.candidate();
            Candidate shown = q.shown();
            Span span = q.span();
            Article a = shown.article();
            Map<String, Article> others = new LinkedHashMap<>();
            for (Candidate o : r.ranked()) {
                if (!o.article().id().equals(a.id()) && r.alike(shown, o, DUPLICATE_JACCARD)) {
                    others.putIfAbsent(o.article().id(), o.article());
                }
            }
            for (Passage copy : r.copies().getOrDefault(c.passage().id(), List.of())) {
                if (!copy.articleId().equals(a.id())) {
                    index.article(copy.articleId()).ifPresent(o -> others.putIfAbsent(o.id(), o));
                }
            }
            List<Citation.Source> also = new ArrayList<>();
            others.values().forEach(o -> also.add(new Citation.Source(o.id(), o.title(), o.date())));
            citations.add(new Citation(a.slice(span.start(), span.end()), a.id(), a.title(), a.date(),
                    span.start(), span.end(), shown.passage().id(), also));
        }
        return new Answer(true, text(r.question(), citations), citations, query, why);
    }

    /**
     * Widens the quote so the answer names what was asked about: back one sentence when this one refers back
     * ("He said", "The 34-year-old striker") or lacks a name of the question that the sentence before holds;
     * to the neighbour that holds the figure, time or name asked for when this one lacks it; forward over a
     * statement's run-on quote ("... she said.").
     */
    private Span extend(Question q, Candidate c) {
        Passage p = c.passage();
        List<Span> sentences = p.sentences();
        Span self = sentences.get(c.sentence());
        int start = self.start();
        Span previous = previousSentence(c);
        if (previous != null && (Features.ANAPHOR_OPENING.matcher(c.text()).find()
                || namesMissingFrom(q, c.text()) && !namesMissingFrom(q, c.article().slice(previous.start(), self.end())))) {
            start = previous.start();
        }
        int to = c.sentence();
        Set<String> questionStems = q.stems();
        if (features.lacksAskedDetail(q.type(), c.text(), questionStems)) {
            // the figure, time or name asked for often stands in the sentence next to the one that matches
            if (previous != null && start == self.start()
                    && !features.lacksAskedDetail(q.type(), c.article().slice(previous.start(), previous.end()), questionStems)) {
                start = previous.start();
            } else if (to + 1 < sentences.size()
                    && !features.lacksAskedDetail(q.type(), p.sentenceText(sentences.get(to + 1)), questionStems)) {
                to++;
            }
        }
        if (q.type() == AnswerType.STATEMENT) {
            while (to + 1 < sentences.size() && to - c.sentence() < 3
                    && (openQuote(c.article().slice(start, sentences.get(to).end()))
                    || SAME_SPEAKER.matcher(p.sentenceText(sentences.get(to + 1))).find())) {
                to++;
            }
        }
        return new Span(start, sentences.get(to).end());
    }

    /**
     * The sentence before a candidate: in its passage, or the last of the paragraph right before, with nothing
     * but white space between them. A heading between opens another part of the story ("Rise of an economic
     * power"): a quote widened over it reads the heading and what stood above it (a photo's caption) as one text.
     */
    private Span previousSentence(Candidate c) {
        if (c.sentence() > 0) {
            return c.passage().sentences().get(c.sentence() - 1);
        }
        return index.passage(Passage.idOf(c.article().id(), c.passage().index() - 1))
                .filter(p -> !p.sentences().isEmpty() && c.article().slice(p.end(), c.passage().start()).isBlank())
                .map(p -> p.sentences().get(p.sentences().size() - 1))
                .orElse(null);
    }

    private boolean namesMissingFrom(Question q, String text) {
        Set<String> stems = new HashSet<>(index.analyze(text));
        return q.terms(Question.Role.FOCUS).stream().anyMatch(t -> t.proper() && !Features.holds(stems, t));
    }

    /** Whether a quotation opened in the text is still open at its end (it runs on into the next sentence). */
    static boolean openQuote(String text) {
        long open = text.chars().filter(c -> c == '“').count();
        long close = text.chars().filter(c -> c == '”').count();
        long straight = text.chars().filter(c -> c == '"').count();
        return open > close || straight % 2 == 1;
    }

    /** Of a sentence's wire copies among the candidates, the one from the best-dated article (then the earliest). */
    private static Candidate bestDatedCopy(Candidate c, Ranking r) {
        Candidate best = c;
        for (Candidate o : r.ranked()) {
            if (o != c && Article.BY_DATING.compare(o.article(), best.article()) < 0 && r.alike(c, o, SAME_SENTENCE_JACCARD)) {
                best = o;
            }
        }
        return best;
    }


    /**
     * Whether the quotes give other figures for what was asked in more than one article: then the answer says so,
     * and names each quote's article. Figures that differ within one article (a count and a later count, a round
     * figure and the exact one) are that article's to explain.
     */
    static boolean reportsDiffer(List<Citation> citations, Function<String, Set<String>> askedFigures) {
        Map<String, Set<String>> byArticle = new HashMap<>();
        for (Citation c : citations) {
            Set<String> figures = askedFigures.apply(c.quote());
            if (!figures.isEmpty()) {
                byArticle.computeIfAbsent(c.articleId(), a -> new HashSet<>()).addAll(figures);
            }
        }
        return new HashSet<>(byArticle.values()).size() > 1;
    }

    private String text(Question q, List<Citation> citations) {
        StringBuilder sb = new StringBuilder();
        boolean differing = q.type() == AnswerType.NUMBER && reportsDiffer(citations, t -> features.askedFigures(q, t));
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
