package dev.briefing.knowledge.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.ingest.SentenceSplitter;
import dev.briefing.knowledge.retrieve.ScoredPassage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The features of a candidate sentence that the {@link SentenceModel} weighs. Each is a plain measurement
 * (a rank, a share of the question's idf weight, a cosine, whether the sentence holds a number); how much
 * each counts is learned from question sets ({@link ModelTrainer}), never set by hand.
 */
final class Features {

    /** The answer types a question can ask for, each with a "asks" and a "holds" feature. */
    static final List<AnswerType> TYPES = List.of(AnswerType.NUMBER, AnswerType.TIME, AnswerType.AGENT,
            AnswerType.PLACE, AnswerType.REASON, AnswerType.IDENTITY, AnswerType.DEFINITION, AnswerType.STATEMENT);

    /** Feature names, in the order of a feature vector; the model file names them the same way. */
    static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(
                "fused_rel", "passage_rank_inv", "bm25_rank_inv", "bm25_rel", "dense_rank_inv", "dense_cos",
                "sent_cos", "sent_cos_gap", "sent_cos_rank_inv",
                "focus_self", "focus_neighbours", "focus_passage", "focus_bigrams", "focus_title",
                "names_self", "names_missing", "lead_self", "lead_passage", "context_passage",
                "cited_before_same", "cited_before_near", "novelty"));
        TYPES.forEach(t -> names.add("asks_" + t.name().toLowerCase(Locale.ROOT)));
        TYPES.forEach(t -> names.add("holds_" + t.name().toLowerCase(Locale.ROOT)));
        names.addAll(List.of("has_number", "has_time", "new_name", "first_in_passage", "passage_index_inv",
                "log_length", "opens_anaphor", "is_question", "focus_unknown", "focus_missing_max", "cos_times_self",
                "lacks_asked_detail", "subject_position", "describes",
                "head_self", "detail_near_head", "detail_near_focus", "has_count", "negation_unmatched",
                "figure_unmatched", "antonym_unmatched", "swap_share", "swap_like", "swap_framed",
                "negation_differs"));
        NAMES = List.copyOf(names);
    }

    static final int SENT_COS = NAMES.indexOf("sent_cos");
    static final int SENT_COS_GAP = NAMES.indexOf("sent_cos_gap");
    static final int SENT_COS_RANK = NAMES.indexOf("sent_cos_rank_inv");

    /**
     * A sentence that opens by referring back ("He said", "The now 81-year-old"): the English pronouns and
     * determiners that do; "The former" before a capital opens a name ("The former Prince of Wales became King").
     */
    static final Pattern ANAPHOR_OPENING = Pattern.compile(
            "^[\"“‘']?(He|She|It|They|This|That|These|Those|His|Her|Its|Their|Him|Such"
                    + "|The (?:now|former|latter|same)(?! \\p{Lu}))\\b");
    private static final Pattern REASON = Pattern.compile(
            "\\b(because|due to|as a result|result of|caused|causing|in order to|so that|so as to|since|owing to|led to|"
                    + "triggered|after|amid|reason)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DESCRIBES = Pattern.compile(
            "\\b(is|are|was|were) (a|an|the|one)\\b|\\b(consists? of|comprises?|includes?|is made up of|known as|"
                    + "refers to|stands for|means|defined as)\\b|, (a|an|the) ", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATEMENT = Pattern.compile(
            "[\"“”‘’]|\\b(said|says|say|added|told|wrote|stated|announced|warned|according to)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * English's closed class of negators, and the prefix "non-" ("non-reformist"). A sentence that states the thing
     * a negated question denies does not answer it ("Which committees do not reflect the balance of parties?" against
     * "Committees reflect the balance…").
     */
    static final Pattern NEGATION = Pattern.compile(
            "\\b(not|never|no|none|nor|neither|nobody|nothing|nowhere|cannot|non)\\b|n[’']t\\b", Pattern.CASE_INSENSITIVE);

    private final Function<String, List<String>> analyze;
    private final Antonyms antonyms;
    /** Each word's stems, as the nearness of the asked detail reads them word by word: the same words recur. */
    private final Cache<String, List<String>> wordStems = Caffeine.newBuilder().maximumSize(50_000).build();

    /** @param analyze analyzes text as the index does */
    Features(Function<String, List<String>> analyze) {
        this.analyze = analyze;
        this.antonyms = Antonyms.of(analyze);
    }

    /** What the features of one question's candidates are computed from, beyond the passages. */
    record Context(Question question, Set<String> citedBefore, float[] questionVector) {
    }

    /**
     * One passage's sentences as the features need them.
     *
     * @param scored the retrieved passage
     * @param rank its place in the retrieved list, from 0
     * @param title the stems of its article's title
     * @param sentences the ordered stems of each sentence
     * @param vectors each sentence's embedding
     * @param subhead the stems of the question that stands alone in the paragraph before: an explainer's subhead
     *                ("What is the LIV Golf series?") that this passage answers, its first sentence often by a pronoun
     *                ("It's a new tour…"); empty when the paragraph before is no such question
     * @param inArticle whether its whole article, title included, holds a stem; asked only of a question's given
     *                  names ({@link Question.Term#surname()})
     */
    record PassageView(ScoredPassage scored, int rank, Set<String> title, List<List<String>> sentences,
                       List<float[]> vectors, List<String> subhead, Predicate<String> inArticle) {

        /** A passage that is its article's only one, under no subhead. */
        PassageView(ScoredPassage scored, int rank, Set<String> title, List<List<String>> sentences,
                    List<float[]> vectors) {
            this(scored, rank, title, sentences, vectors, List.of(), union(title, sentences)::contains);
        }

        private static Set<String> union(Set<String> title, List<List<String>> sentences) {
            Set<String> all = new HashSet<>(title);
            sentences.forEach(all::addAll);
            return all;
        }
    }

    /** The feature vectors of every sentence of every passage, passage by passage. */
    List<double[]> compute(Context ctx, List<PassageView> views) {
        Question q = ctx.question();
        List<Question.Term> focus = q.terms(Question.Role.FOCUS);
        List<Question.Term> lead = q.terms(Question.Role.LEAD);
        List<Question.Term> context = q.terms(Question.Role.CONTEXT);
        Set<String> questionStems = q.stems();
        String realQuestion = QuestionReader.withoutDeicticTime(QuestionReader.splitLead(q.text())[1]);
        List<List<String>> focusBigrams = bigrams(analyze.apply(realQuestion));
        double focusUnknown = unknownShare(focus);
        Set<String> focusStems = new HashSet<>();
        focus.forEach(t -> focusStems.add(t.stem()));
        Set<String> head = new HashSet<>(analyze.apply(String.join(" ", QuestionReader.headWords(realQuestion))));
        // the question's names a sentence that answers should hold: those naming the kind of thing asked aside
        Set<String> kind = new HashSet<>(analyze.apply(String.join(" ", QuestionReader.kindNames(realQuestion))));
        List<Question.Term> expectedNames = focus.stream()
                .filter(t -> !(t.proper() && kind.contains(t.stem())))
                .toList();
        boolean negated = NEGATION.matcher(realQuestion).find();
        List<Evidence.Word> questionWords = Evidence.words(realQuestion);
        List<Evidence.Figure> figures = Evidence.boundedFigures(questionWords);
        List<List<String>> questionStemsOf = questionWords.stream().map(this::stemsOf).toList();
        List<Token> questionTokens = tokens(questionWords, questionStemsOf);
        Map<String, Integer> questionSays = polarities(questionWords, questionStemsOf);
        double topFused = 0;
        double topLexical = 0;
        for (PassageView v : views) {
            topFused = Math.max(topFused, v.scored().score());
            topLexical = Math.max(topLexical, v.scored().lexical() == null ? 0 : v.scored().lexical().score());
        }
        Set<String> vocabulary = new HashSet<>();
        for (PassageView v : views) {
            vocabulary.addAll(v.title());
            v.sentences().forEach(vocabulary::addAll);
        }
        Map<Question.Term, Set<String>> looseMatches = new HashMap<>();
        q.terms().forEach(t -> looseMatches.computeIfAbsent(t, term -> looseMatches(term, vocabulary)));
        Function<Question.Term, Set<String>> loose = looseMatches::get;
        // what the question names in any form: as written, spelled out (an acronym), or another form of a name
        Set<String> named = new HashSet<>(questionStems);
        q.terms().forEach(t -> {
            named.addAll(t.spelledOut());
            named.addAll(loose.apply(t));
        });
        List<Double> cosines = new ArrayList<>();
        for (PassageView v : views) {
            for (float[] vec : v.vectors()) {
                cosines.add(cosine(ctx.questionVector(), vec));
            }
        }
        double maxCos = cosines.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<double[]> out = new ArrayList<>();
        int c = 0;
        for (PassageView v : views) {
            ScoredPassage sp = v.scored();
            Passage p = sp.passage();
            Set<String> all = new HashSet<>(v.title());
            v.sentences().forEach(all::addAll);
            Set<String> article = givenNamesHeld(expectedNames, v.inArticle(), loose);
            boolean same = ctx.citedBefore().contains(p.id());
            boolean near = !same && ctx.citedBefore().stream().anyMatch(id -> isNear(id, p));
            for (int i = 0; i < v.sentences().size(); i++) {
                String text = p.sentenceText(p.sentences().get(i));
                List<String> ordered = v.sentences().get(i);
                Set<String> self = new HashSet<>(ordered);
                Set<String> around = new HashSet<>(self);
                if (i > 0) {
                    around.addAll(v.sentences().get(i - 1));
                } else {
                    around.addAll(v.subhead());
                }
                if (i + 1 < v.sentences().size()) {
                    around.addAll(v.sentences().get(i + 1));
                }
                double cos = cosines.get(c++);
                double[] f = new double[NAMES.size()];
                int k = 0;
                f[k++] = topFused > 0 ? sp.score() / topFused : 0;
                f[k++] = 1.0 / (1 + v.rank());
                f[k++] = sp.lexical() == null ? 0 : 1.0 / sp.lexical().rank();
                f[k++] = sp.lexical() == null || topLexical == 0 ? 0 : sp.lexical().score() / topLexical;
                f[k++] = sp.dense() == null ? 0 : 1.0 / sp.dense().rank();
                f[k++] = sp.denseScore();
                f[k++] = cos;
                f[k++] = cos - maxCos;
                f[k++] = 1.0 / (1 + rankOf(cos, cosines));
                double focusSelf = coverage(focus, self, loose);
                double focusAround = coverage(focus, around, loose);
                f[k++] = focusSelf;
                f[k++] = focusAround - focusSelf;
                f[k++] = coverage(focus, all, loose) - focusAround;
                f[k++] = bigramShare(focusBigrams, ordered);
                f[k++] = coverage(focus, v.title(), loose);
                f[k++] = nameShare(expectedNames, self, loose);
                f[k++] = Math.min(3, missingNames(expectedNames, all, around, article, loose));
                f[k++] = coverage(lead, self, loose);
                f[k++] = coverage(lead, all, loose);
                f[k++] = coverage(context, all, loose);
                f[k++] = same ? 1 : 0;
                f[k++] = near ? 1 : 0;
                f[k++] = novelty(self, questionStems);
                for (AnswerType t : TYPES) {
                    f[k++] = q.type() == t ? 1 : 0;
                }
                // each found once per sentence: several features read them
                List<Evidence.Word> words = Evidence.words(text);
                boolean number = Evidence.hasNumber(text);
                boolean time = Evidence.hasTime(text);
                boolean namesNew = Evidence.namesSomethingNew(words, questionStems, this::stemsOf);
                boolean holdsAsked = holds(q.type(), text, () -> number, () -> time, () -> namesNew);
                for (AnswerType t : TYPES) {
                    f[k++] = q.type() == t && holdsAsked ? 1 : 0;
                }
                f[k++] = number ? 1 : 0;
                f[k++] = time ? 1 : 0;
                f[k++] = namesNew ? 1 : 0;
                f[k++] = i == 0 ? 1 : 0;
                f[k++] = 1.0 / (1 + p.index());
                f[k++] = Math.log(1 + text.length());
                f[k++] = ANAPHOR_OPENING.matcher(text).find() ? 1 : 0;
                f[k++] = SentenceSplitter.asks(text) ? 1 : 0;
                f[k++] = focusUnknown;
                f[k++] = missingMax(focus, around, loose);
                f[k++] = cos * focusSelf;
                f[k++] = q.type().required && !holdsAsked ? 1 : 0;
                f[k++] = subjectPosition(focus, ordered, loose);
                f[k++] = DESCRIBES.matcher(text).find() ? 1 : 0;
                List<List<String>> stemsOf = words.stream().map(this::stemsOf).toList();
                f[k++] = head.isEmpty() || Collections.disjoint(head, self) ? 0 : 1;
                f[k++] = nearness(words, stemsOf, q.type(), questionStems, head) <= HEAD_WINDOW ? 1 : 0;
                f[k++] = 1 / (1.0 + nearness(words, stemsOf, q.type(), questionStems, focusStems));
                f[k++] = words.stream().anyMatch(Evidence.Word::count) ? 1 : 0;
                f[k++] = negated && !NEGATION.matcher(text).find() ? 1 : 0;
                f[k++] = figures.isEmpty() || Evidence.holdsFigures(figures, words) ? 0 : 1;
                f[k++] = antonyms.contradicts(focusStems, self) ? 1 : 0;
                Swap swap = swap(questionTokens, tokens(words, stemsOf), focus, named, self, loose);
                f[k++] = swap.share();
                f[k++] = swap.like() ? 1 : 0;
                f[k++] = swap.framed() ? 1 : 0;
                f[k++] = negationDiffers(questionSays, polarities(words, stemsOf), focusStems) ? 1 : 0;
                out.add(f);
            }
        }
        return out;
    }

    /** How many words before a word a negator may stand to deny it ("did not mastermind", "not the ideologue"). */
    static final int NEGATION_WINDOW = 3;

    /** How a text says a stem, as bits: some occurrence is {@link #AFFIRMED}, some is {@link #DENIED}, or both. */
    private static final int AFFIRMED = 1;
    private static final int DENIED = 2;

    /**
     * Each stem of a text's words, and how the text says it ({@link #AFFIRMED}, {@link #DENIED} or both): an
     * occurrence is denied when a negator stands up to {@link #NEGATION_WINDOW} words before it in its clause (no
     * full stop, semicolon, colon, question or exclamation mark between them), or when it is written with "non-"
     * ("non-Arab").
     */
    static Map<String, Integer> polarities(List<Evidence.Word> words, List<List<String>> stemsOf) {
        Map<String, Integer> out = new HashMap<>();
        int lastNegator = -NEGATION_WINDOW - 1;
        for (int i = 0; i < words.size(); i++) {
            String text = words.get(i).text();
            if (".;:!?".indexOf(words.get(i).pause()) >= 0) {
                lastNegator = -NEGATION_WINDOW - 1; // a negator denies nothing past the end of its clause
            }
            // a negator a mark follows answers or counts: "No. Voters in Kansas rejected…", "No, they said", "No. 10"
            boolean negator = (NEGATION.matcher(text).matches() || text.endsWith("n't") || text.endsWith("n’t"))
                    && (i + 1 == words.size() || words.get(i + 1).pause() == ' ');
            boolean denied = i - lastNegator <= NEGATION_WINDOW
                    || text.regionMatches(true, 0, "non-", 0, 4);
            if (negator) {
                lastNegator = i;
            }
            for (String stem : stemsOf.get(i)) {
                if (!stem.equals("non")) {
                    out.merge(stem, denied ? DENIED : AFFIRMED, (a, b) -> a | b);
                }
            }
        }
        return out;
    }

    /**
     * Whether the sentence never says a question term the way the question does: the question denies it and the
     * sentence only affirms it, or the other way round ("Who did not mastermind…" against "… masterminded", or
     * "What force changes…" against "… do not change the speed"). A sentence that says it both ways holds the
     * question's way too ("little or no water flowing… a failing water treatment plant" for "a water crisis").
     */
    static boolean negationDiffers(Map<String, Integer> question, Map<String, Integer> sentence, Set<String> terms) {
        for (String term : terms) {
            Integer asked = question.get(term);
            Integer stated = sentence.get(term);
            if (asked != null && stated != null && (asked & stated) == 0) {
                return true;
            }
        }
        return false;
    }

    /** One stem of a text's words in order, with the word it comes from. */
    record Token(String stem, Evidence.Word word) {
    }

    /** The stems of the words in order, each with its word; a word the analyzer drops (a stop word) leaves none. */
    static List<Token> tokens(List<Evidence.Word> words, List<List<String>> stemsOf) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (String stem : stemsOf.get(i)) {
                out.add(new Token(stem, words.get(i)));
            }
        }
        return out;
    }

    /**
     * The strongest place where a sentence says something else than the question: a question term the sentence
     * lacks, where the sentence holds a word the question lacks beside the same neighbour ("elected on the Lothian
     * global list" against "… Lothian regional list"; "in 1917" against "in 1914").
     *
     * @param share the swapped term's idf as a share of the question's rarest term; 0 when nothing is swapped
     * @param like a figure swapped for a figure, or a name for a name
     * @param framed the same words stand on both sides of the swap
     */
    record Swap(double share, boolean like, boolean framed) {
        static final Swap NONE = new Swap(0, false, false);
    }

    /**
     * Finds the {@link Swap} between a question and a sentence, both as {@link #tokens}: word pairs, where the
     * question's term is missing from the sentence, and the sentence's word from the question, and a
     * neighbouring stem agrees on the left or the right.
     *
     * @param named the stems the question names something by: its own, an acronym's spelled-out words ("CSTO",
     *              "Collective Security Treaty Organization"), another form of a name; none of them is a swap
     */
    static Swap swap(List<Token> question, List<Token> sentence, List<Question.Term> focus, Set<String> named,
                     Set<String> self, Function<Question.Term, Set<String>> loose) {
        Map<String, Question.Term> terms = new HashMap<>();
        double rarest = 0;
        for (Question.Term t : focus) {
            terms.putIfAbsent(t.stem(), t);
            rarest = Math.max(rarest, t.idf());
        }
        if (rarest == 0) {
            return Swap.NONE;
        }
        double share = 0;
        boolean like = false;
        boolean framed = false;
        for (int i = 0; i < question.size(); i++) {
            Question.Term t = terms.get(question.get(i).stem());
            if (t == null || holds(self, t, loose.apply(t))) {
                continue;
            }
            for (int j = 0; j < sentence.size(); j++) {
                Token other = sentence.get(j);
                if (named.contains(other.stem())) {
                    continue;
                }
                boolean left = i > 0 && j > 0 && question.get(i - 1).stem().equals(sentence.get(j - 1).stem());
                boolean right = i + 1 < question.size() && j + 1 < sentence.size()
                        && question.get(i + 1).stem().equals(sentence.get(j + 1).stem());
                if (!left && !right) {
                    continue;
                }
                share = Math.max(share, t.idf() / rarest);
                Evidence.Word asked = question.get(i).word();
                like |= Evidence.hasDigit(asked.text()) && Evidence.hasDigit(other.word().text())
                        || asked.name() && other.word().name();
                framed |= left && right;
            }
        }
        return share == 0 ? Swap.NONE : new Swap(share, like, framed);
    }

    /**
     * The figures in a text that count what a question asks about: counts (not years, days or clock times)
     * standing within {@link #HEAD_WINDOW} words of one of the question's own words ("2,500 soldiers" for "How many
     * soldiers…", not "40 people died" beside it).
     */
    Set<String> askedFigures(Question q, String text) {
        Set<String> near = new HashSet<>();
        q.terms(Question.Role.FOCUS).forEach(t -> near.add(t.stem()));
        List<Evidence.Word> words = Evidence.words(text);
        List<Integer> anchors = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!Collections.disjoint(stemsOf(words.get(i)), near)) {
                anchors.add(i);
            }
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            Evidence.Word w = words.get(i);
            int at = i;
            if (w.count() && Evidence.hasDigit(w.text())
                    && anchors.stream().anyMatch(a -> Math.abs(a - at) <= HEAD_WINDOW)) {
                out.add(w.text());
            }
        }
        return out;
    }

    private List<String> stemsOf(Evidence.Word w) {
        return stemsOf(w.text());
    }

    /** A word's stems, as the index analyzes it (which lower-cases first). */
    private List<String> stemsOf(String word) {
        return wordStems.get(word.toLowerCase(Locale.ROOT), analyze);
    }

    /** How many words apart the asked-for detail and the word naming its kind may stand ("the state of Kansas"). */
    static final int HEAD_WINDOW = 3;

    /**
     * How many words apart the nearest detail of the asked kind (a figure for "how many", a time for "when", a
     * name the question lacks for "who", "where" and "which") stands from a word holding one of the stems;
     * {@link Integer#MAX_VALUE} when either is missing. An answer tends to stand next to the question's words:
     * "187 minutes", "the state of Kansas".
     */
    static int nearness(List<Evidence.Word> words, List<List<String>> stemsOf, AnswerType type,
                        Set<String> questionStems, Set<String> near) {
        if (near.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        List<Integer> details = new ArrayList<>();
        List<Integer> anchors = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Evidence.Word w = words.get(i);
            List<String> stems = stemsOf.get(i);
            boolean asked = switch (type) {
                case NUMBER -> w.count();
                case TIME -> w.time();
                case AGENT, PLACE, IDENTITY -> w.name() && !stems.isEmpty() && Collections.disjoint(stems, questionStems);
                case OTHER -> w.count() || w.name() && !stems.isEmpty() && Collections.disjoint(stems, questionStems);
                case REASON, DEFINITION, STATEMENT -> false;
            };
            if (asked) {
                details.add(i);
            }
            if (!Collections.disjoint(stems, near)) {
                anchors.add(i);
            }
        }
        int best = Integer.MAX_VALUE;
        for (int d : details) {
            for (int a : anchors) {
                best = Math.min(best, Math.abs(d - a));
            }
        }
        return best;
    }

    /** Whether the question asks for a figure, a time or a name (a detail an answer cannot do without) that the sentence lacks. */
    boolean lacksAskedDetail(AnswerType type, String sentence, Set<String> questionStems) {
        return type.required && !holds(type, sentence, questionStems);
    }

    /** Whether a sentence holds the kind of detail a question of this type asks for. */
    boolean holds(AnswerType type, String sentence, Set<String> questionStems) {
        return holds(type, sentence, () -> Evidence.hasNumber(sentence), () -> Evidence.hasTime(sentence),
                () -> Evidence.namesSomethingNew(sentence, questionStems, this::stemsOf));
    }

    /**
     * As {@link #holds(AnswerType, String, Set)}, given how to tell whether the sentence has a figure, a time and
     * a name the question lacks: found once per candidate, as other features read them too, and looked for only
     * when the type asks.
     */
    private static boolean holds(AnswerType type, String sentence, BooleanSupplier number, BooleanSupplier time,
                                 BooleanSupplier namesNew) {
        return switch (type) {
            case NUMBER -> number.getAsBoolean();
            case TIME -> time.getAsBoolean();
            case AGENT, PLACE -> namesNew.getAsBoolean();
            case REASON -> REASON.matcher(sentence).find();
            case DEFINITION, IDENTITY -> DESCRIBES.matcher(sentence).find();
            case STATEMENT -> STATEMENT.matcher(sentence).find();
            case OTHER -> true;
        };
    }

    /**
     * The share of the terms' idf weight that the stems hold; 0 when there are no terms.
     *
     * @param loose each term's {@link #looseMatches} among a vocabulary holding the stems
     */
    static double coverage(List<Question.Term> terms, Set<String> stems, Function<Question.Term, Set<String>> loose) {
        double total = 0;
        double got = 0;
        for (Question.Term t : terms) {
            total += t.idf();
            if (holds(stems, t, loose.apply(t))) {
                got += t.idf();
            }
        }
        return total == 0 ? 0 : got / total;
    }

    /** The share of the question's names that the stems hold; 1 when the question names nothing. */
    static double nameShare(List<Question.Term> terms, Set<String> stems, Function<Question.Term, Set<String>> loose) {
        long names = terms.stream().filter(Question.Term::proper).count();
        if (names == 0) {
            return 1;
        }
        return (double) terms.stream().filter(t -> t.proper() && holds(stems, t, loose.apply(t))).count() / names;
    }

    /** The stems, as written or in another form, by which an article holds the question's given names. */
    static Set<String> givenNamesHeld(List<Question.Term> terms, Predicate<String> inArticle,
                                      Function<Question.Term, Set<String>> loose) {
        Set<String> held = new HashSet<>();
        for (Question.Term t : terms) {
            if (t.surname() != null) {
                Stream.concat(Stream.of(t.stem()), loose.apply(t).stream()).filter(inArticle).forEach(held::add);
                if (!t.spelledOut().isEmpty() && t.spelledOut().stream().allMatch(inArticle)) {
                    held.add(t.stem()); // "United Kingdom" in a story that says "UK"
                }
            }
        }
        return held;
    }

    /**
     * How many of the question's names stand neither in the passage, its title, nor the neighbouring sentences. A
     * name of several words counts once, by its last word ("Hurricane Ian" by "Ian"), when that word is rare enough
     * to stand for the whole name ({@link Question.Term#surname()}); a missing name of three words is no more
     * missing than a name of one. But a person whose given names the passage's article does not hold counts as
     * missing, once: the article never names that person in full, so the surname found is someone else's
     * ("Ketanji Brown Jackson" against a photo credit's "Chris Jackson", "Dustin Johnson" against a story on Boris
     * Johnson).
     *
     * @param article the stems of the passage's article, or those of them that are the question's given names
     */
    static int missingNames(List<Question.Term> terms, Set<String> passage, Set<String> around, Set<String> article,
                            Function<Question.Term, Set<String>> loose) {
        int missing = 0;
        Set<String> strangers = new HashSet<>();
        for (Question.Term t : terms) {
            // missingNames runs for every candidate sentence: a term of no multi-word name costs nothing more
            Question.Term asked = t;
            boolean unnamed = false;
            if (t.surname() != null) {
                Question.Term alone = new Question.Term(t.stem(), t.role(), t.idf(), t.known(), t.proper(), null,
                        t.spelledOut());
                unnamed = !t.known() || !holds(article, alone, loose.apply(t));
                asked = unnamed ? alone : t;
            }
            if (t.proper() && asked.surname() == null && !holds(passage, asked, loose.apply(t))
                    && !holds(around, asked, loose.apply(t)) && (!unnamed || strangers.add(t.surname()))) {
                missing++;
            }
        }
        return missing;
    }

    /**
     * The rarest question term that neither the sentence nor its neighbours hold, as a share of the rarest term
     * of the question: a question that swaps in one word the text does not hold ("... in 1990?") looks answered
     * by every other word.
     */
    static double missingMax(List<Question.Term> terms, Set<String> around, Function<Question.Term, Set<String>> loose) {
        double max = 0;
        double missing = 0;
        for (Question.Term t : terms) {
            max = Math.max(max, t.idf());
            if (!holds(around, t, loose.apply(t))) {
                missing = Math.max(missing, t.idf());
            }
        }
        return max == 0 ? 0 : missing / max;
    }

    /**
     * Where in the sentence the first of the question's names stands, from 0 (it opens the sentence, so the
     * sentence is about it) to 1 (it does not stand there at all); 1 for a question that names nothing.
     */
    static double subjectPosition(List<Question.Term> terms, List<String> sentence,
                                  Function<Question.Term, Set<String>> loose) {
        for (int i = 0; i < sentence.size(); i++) {
            Set<String> one = Set.of(sentence.get(i));
            for (Question.Term t : terms) {
                if (t.proper() && holds(one, t, loose.apply(t))) {
                    return (double) i / sentence.size();
                }
            }
        }
        return 1;
    }

    /** The share of the question's idf weight in terms no passage holds (misspelt, or simply absent). */
    static double unknownShare(List<Question.Term> terms) {
        double total = terms.stream().mapToDouble(Question.Term::idf).sum();
        double unknown = terms.stream().filter(t -> !t.known()).mapToDouble(Question.Term::idf).sum();
        return total == 0 ? 0 : unknown / total;
    }

    /** The share of the sentence's stems that the question does not hold: what it adds. */
    static double novelty(Set<String> sentence, Set<String> question) {
        if (sentence.isEmpty()) {
            return 0;
        }
        return (double) sentence.stream().filter(s -> !question.contains(s)).count() / sentence.size();
    }

    static List<List<String>> bigrams(List<String> stems) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i + 1 < stems.size(); i++) {
            out.add(List.of(stems.get(i), stems.get(i + 1)));
        }
        return out;
    }

    /** The share of the question's adjacent stem pairs that stand adjacent in the sentence too. */
    static double bigramShare(List<List<String>> question, List<String> sentence) {
        if (question.isEmpty()) {
            return 0;
        }
        Set<List<String>> have = new HashSet<>(bigrams(sentence));
        return (double) question.stream().filter(have::contains).count() / question.size();
    }

    /** 0 for the largest value, 1 for the next, and so on. */
    static int rankOf(double value, Collection<Double> all) {
        int rank = 0;
        for (double d : all) {
            if (d > value) {
                rank++;
            }
        }
        return rank;
    }

    static double cosine(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static boolean isNear(String passageId, Passage p) {
        int hash = passageId.lastIndexOf('#');
        if (hash < 0 || !passageId.substring(0, hash).equals(p.articleId())) {
            return false;
        }
        return Math.abs(Integer.parseInt(passageId.substring(hash + 1)) - p.index()) <= 1;
    }

    /**
     * Whether the stems hold a term: as written, by a multi-word name's last word, spelled out (for an acronym
     * the articles define), as another form of a name (Germany, German), or, for a word no passage holds, within
     * a small edit distance (another transliteration: Ablyazov, Abliasov).
     */
    static boolean holds(Set<String> stems, Question.Term t) {
        return holds(stems, t, looseMatches(t, stems));
    }

    /**
     * As {@link #holds(Set, Question.Term)}, given the term's {@link #looseMatches} among a vocabulary that holds
     * the stems: a question asks about every sentence of its candidates, and a name no article holds would
     * otherwise be compared with every stem of each sentence, its neighbours and its passage, again and again.
     */
    static boolean holds(Set<String> stems, Question.Term t, Set<String> loose) {
        if (stems.contains(t.stem()) || t.surname() != null && stems.contains(t.surname())
                || !t.spelledOut().isEmpty() && stems.containsAll(t.spelledOut())) {
            return true;
        }
        for (String s : loose) {
            if (stems.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stems of a vocabulary that hold a term other than as written: another form of a name (Germany, German),
     * or, for a word no passage holds, one within a small edit distance (Ablyazov, Abliasov).
     */
    static Set<String> looseMatches(Question.Term t, Set<String> vocabulary) {
        boolean prefix = t.proper() && t.stem().length() >= 5;
        boolean edits = !t.known() && t.stem().length() >= 5;
        if (!prefix && !edits) {
            return Set.of();
        }
        int max = t.stem().length() >= 7 ? 2 : 1;
        Set<String> out = new HashSet<>();
        for (String s : vocabulary) {
            if (prefix && s.length() >= 5 && (s.startsWith(t.stem()) || t.stem().startsWith(s))
                    || edits && s.charAt(0) == t.stem().charAt(0) && Evidence.editDistance(s, t.stem(), max) <= max) {
                out.add(s);
            }
        }
        return out;
    }
}
