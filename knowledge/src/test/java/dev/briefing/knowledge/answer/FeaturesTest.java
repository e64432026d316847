package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.index.Hit;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.retrieve.ScoredPassage;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeaturesTest {

    /** Lower-cased words, standing in for the index's analyzer: the features only compare stems. */
    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static final Features FEATURES = new Features(FeaturesTest::words);

    private static Question.Term term(String stem, double idf, boolean proper) {
        return new Question.Term(stem, Question.Role.FOCUS, idf, true, proper);
    }

    private static Set<String> stems(String text) {
        return new HashSet<>(words(text));
    }

    @ParameterizedTest(name = "{0} in \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "soldiers:2 sent:1 | 2500 soldiers were sent | 1.0",
            "soldiers:2 sent:1 | the soldiers arrived | 0.6667",
            "soldiers:2 sent:1 | troops were sent | 0.3333",
            "soldiers:2 sent:1 | nothing here | 0.0",
    })
    void coverageIsTheShareOfTheQuestionsIdfWeightHeld(String terms, String sentence, double expected) {
        List<Question.Term> parsed = Arrays.stream(terms.split(" "))
                .map(t -> term(t.split(":")[0], Double.parseDouble(t.split(":")[1]), false)).toList();
        assertEquals(expected, Features.coverage(parsed, stems(sentence), loose(sentence)), 1e-3);
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "NUMBER | Around 2,500 soldiers were sent. | true",
            "NUMBER | Dozens of soldiers were sent. | true",
            "NUMBER | Soldiers were sent. | false",
            "TIME | The protests began on Sunday. | true",
            "TIME | The protests began in 2022. | true",
            "TIME | The protests began peacefully. | false",
            "AGENT | The Interfax agency reported it. | true",
            "AGENT | it was reported by an agency. | false",
            "REASON | They protested because fuel prices doubled. | true",
            "REASON | They protested in the square. | false",
            "DEFINITION | The alliance consists of six states. | true",
            "DEFINITION | The alliance met on Thursday. | false",
            "STATEMENT | \"We call for calm,\" she said. | true",
            "STATEMENT | The minister travelled to Paris. | false",
    })
    void holdsTheKindOfDetailAsked(AnswerType type, String sentence, boolean expected) {
        assertEquals(expected, FEATURES.holds(type, sentence, Set.of("reported", "protests", "alliance")));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "NUMBER | Soldiers were sent. | true",
            "NUMBER | 2,500 soldiers were sent. | false",
            "DEFINITION | The alliance met on Thursday. | false",
            "OTHER | Anything at all. | false",
    })
    void onlyAFigureATimeOrANameIsAnAskedDetailASentenceCanLack(AnswerType type, String sentence, boolean expected) {
        assertEquals(expected, FEATURES.lacksAskedDetail(type, sentence, Set.of()));
    }

    @Test
    void theRarestTermMissingNearTheSentenceCountsAgainstIt() {
        // given a question whose rarest word the text does not hold ("1990" swapped in by a trap)
        List<Question.Term> terms = List.of(term("parliament", 2, false), term("1990", 4, false), term("met", 1, false));
        // when / then
        assertEquals(1.0, missingMax(terms, "the parliament met in 1999"), 1e-9);
        assertEquals(0.0, missingMax(terms, "the parliament met in 1990"), 1e-9);
        assertEquals(0.5, missingMax(terms, "it met in 1990"), 1e-9);
    }

    @ParameterizedTest(name = "\"{0}\" in \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "arms exports to kazakhstan | halting arms exports to kazakhstan | 1.0",
            "arms exports to kazakhstan | exports of arms to kazakhstan | 0.3333",
            "arms exports | nothing alike | 0.0",
    })
    void bigramsAreQuestionWordPairsStandingTogether(String question, String sentence, double expected) {
        assertEquals(expected, Features.bigramShare(Features.bigrams(words(question)), words(sentence)), 1e-3);
    }

    @Test
    void namesAreHeldAsWrittenOrByTheirSurname() {
        // given "Christiane Hoffmann": the given name maps to the surname, which stands for the whole name
        Question.Term given = new Question.Term("christiane", Question.Role.FOCUS, 3, true, true, "hoffmann", Set.of());
        Question.Term surname = term("hoffmann", 3, true);
        // then
        assertEquals(1.0, nameShare(List.of(given, surname), "Hoffmann said so"), 1e-9);
        assertEquals(0.0, nameShare(List.of(given, surname), "the spokeswoman said so"), 1e-9);
        assertEquals(1.0, nameShare(List.of(term("said", 1, false)), "anything"), 1e-9);
        Set<String> article = stems("Christiane Hoffmann, the spokeswoman, said so");
        assertEquals(1, Features.missingNames(List.of(given, surname), stems("the spokeswoman"), stems("she said"),
                article, loose("the spokeswoman she said")), "one name missing, of two words");
        assertEquals(2, Features.missingNames(List.of(given, surname, term("berlin", 3, true)),
                stems("the spokeswoman"), stems("she said"), article, loose("the spokeswoman she said")));
    }

    @Test
    void aFirstNameNoPassageHoldsIsMissingThoughItsSurnameStands() {
        // given "Ketanji Brown Jackson", whose first names no passage holds, and "Christiane Hoffmann", whose do
        Question.Term ketanji = new Question.Term("ketanji", Question.Role.FOCUS, 9, false, true, "jackson", Set.of());
        Question.Term brown = new Question.Term("brown", Question.Role.FOCUS, 6, true, true, "jackson", Set.of());
        Question.Term jackson = term("jackson", 5, true);
        Question.Term christiane = new Question.Term("christiane", Question.Role.FOCUS, 3, true, true, "hoffmann",
                Set.of());
        Question.Term hoffmann = term("hoffmann", 3, true);
        String credit = "chris jackson getty images says jackson";
        // then another Jackson holds the surname, not the person; a later mention of Hoffmann is hers
        assertEquals(1, Features.missingNames(List.of(ketanji, brown, jackson), stems(credit), stems(""),
                stems(credit), loose(credit)));
        assertEquals(0, Features.missingNames(List.of(christiane, hoffmann), stems("hoffmann said so"), stems(""),
                stems("Christiane Hoffmann spoke first. Hoffmann said so"), loose("hoffmann said so")));
    }

    @Test
    void aFirstNameTheArticleLacksIsMissingThoughAnotherArticleHoldsIt() {
        // given "Dustin Johnson", whom the articles name, and a passage of a story that names only Boris Johnson
        Question.Term dustin = new Question.Term("dustin", Question.Role.FOCUS, 6, true, true, "johnson", Set.of());
        Question.Term johnson = term("johnson", 4, true);
        String passage = "johnson appointed chris pincher";
        // then the surname is someone else's in that story, and Dustin Johnson's in a story that names him in full
        assertEquals(1, Features.missingNames(List.of(dustin, johnson), stems(passage), stems(""),
                stems("Boris Johnson faces a revolt. " + passage), loose(passage)));
        assertEquals(0, Features.missingNames(List.of(dustin, johnson), stems("johnson won the title"), stems(""),
                stems("Dustin Johnson clinched the LIV Golf championship. johnson won the title"),
                loose("johnson won the title")));
    }

    @Test
    void aNameSpelledOutIsHeldByTheAcronymAStorySaysItBy() {
        // given "United Kingdom", each word standing for "uk", the acronym the articles use
        Question.Term united = new Question.Term("united", Question.Role.FOCUS, 4, true, true, "kingdom", Set.of("uk"));
        Question.Term kingdom = new Question.Term("kingdom", Question.Role.FOCUS, 4, true, true, null, Set.of("uk"));
        List<Question.Term> name = List.of(united, kingdom);
        String says = "the uk prime minister resigned";
        String lacks = "the prime minister resigned";
        // then a passage saying "UK", in a story that never spells the name out, names it; one saying neither misses
        // both words, as it misses any name of two words whose story never gives the first
        Set<String> article = Features.givenNamesHeld(name, stems("UK politics. " + says)::contains, t -> Set.of());
        assertEquals(0, Features.missingNames(name, stems(says), stems(""), article, loose(says)));
        Set<String> other = Features.givenNamesHeld(name, stems(lacks)::contains, t -> Set.of());
        assertEquals(2, Features.missingNames(name, stems(lacks), stems(""), other, loose(lacks)));
    }

    @Test
    void anUnknownWordMatchesAnotherTransliteration() {
        Question.Term unknown = new Question.Term("ablyazov", Question.Role.FOCUS, 5, false, true);
        assertEquals(true, Features.holds(stems("mukhtar abliasov lives in france"), unknown));
        assertEquals(false, Features.holds(stems("mukhtar lives in france"), unknown));
    }

    @Test
    void everySentenceOfEveryPassageGetsOneVectorOfNamedFeatures() {
        // given one passage of two sentences, first by BM25 and second by vectors
        String text = "The alliance sent 2,500 soldiers. They left on Thursday.";
        Passage p = new Passage("a.txt#0", "a.txt", 0, 0, text.length(), text,
                List.of(new Span(0, 33), new Span(34, text.length())));
        ScoredPassage sp = new ScoredPassage(p, 0.03, new Hit(p.id(), 1, 7.5f), new Hit(p.id(), 2, 0.9f));
        Features.PassageView view = new Features.PassageView(sp, 0, Set.of("alliance"),
                List.of(words("The alliance sent 2,500 soldiers."), words("They left on Thursday.")),
                List.of(new float[] {1, 0}, new float[] {0, 1}));
        Question q = new Question("How many soldiers did the alliance send?", AnswerType.NUMBER,
                List.of(term("soldiers", 2, false), term("alliance", 1, false), term("sent", 1, false)));
        // when
        List<double[]> rows = FEATURES.compute(new Features.Context(q, Set.of(), new float[] {1, 0}), List.of(view));
        // then
        assertEquals(2, rows.size());
        double[] first = rows.get(0);
        double[] second = rows.get(1);
        assertEquals(Features.NAMES.size(), first.length);
        assertEquals(1.0, first[Features.NAMES.indexOf("sent_cos")], 1e-9);
        assertEquals(0.0, second[Features.NAMES.indexOf("sent_cos")], 1e-9);
        assertEquals(-1.0, second[Features.NAMES.indexOf("sent_cos_gap")], 1e-9);
        assertEquals(1.0, first[Features.NAMES.indexOf("focus_self")], 1e-9);
        assertEquals(1.0, second[Features.NAMES.indexOf("focus_neighbours")], 1e-9);
        assertEquals(1.0, first[Features.NAMES.indexOf("holds_number")]);
        assertEquals(0.0, second[Features.NAMES.indexOf("holds_number")]);
        assertEquals(1.0, second[Features.NAMES.indexOf("lacks_asked_detail")]);
        assertEquals(1.0, second[Features.NAMES.indexOf("opens_anaphor")]);
        assertEquals(1.0, first[Features.NAMES.indexOf("first_in_passage")]);
        assertEquals(1.0, first[Features.NAMES.indexOf("bm25_rank_inv")]);
        assertEquals(0.5, first[Features.NAMES.indexOf("dense_rank_inv")]);
        assertEquals(1.0, first[Features.NAMES.indexOf("has_count")]);
        assertEquals(0.0, second[Features.NAMES.indexOf("has_count")]);
        assertEquals(0.5, first[Features.NAMES.indexOf("detail_near_focus")], 1e-9, "2,500 stands next to soldiers");
        assertEquals(0.0, second[Features.NAMES.indexOf("detail_near_focus")], 1e-9);
        assertEquals(1.0, first[Features.NAMES.indexOf("head_self")], "how many soldiers: the sentence holds soldiers");
        assertEquals(1.0, first[Features.NAMES.indexOf("detail_near_head")]);
        assertEquals(0.0, second[Features.NAMES.indexOf("detail_near_head")]);
    }

    @Test
    void aParagraphsFirstSentenceIsReadUnderTheSubheadThatAsksWhatItAnswers() {
        // given the first sentence of a paragraph that answers its subhead by a pronoun
        String text = "It is a new tour of eight events across the world.";
        Passage p = new Passage("a.txt#3", "a.txt", 3, 0, text.length(), text, List.of(new Span(0, text.length())));
        ScoredPassage sp = new ScoredPassage(p, 0.03, new Hit(p.id(), 1, 7.5f), null);
        Question q = new Question("What is the LIV Golf series?", AnswerType.DEFINITION,
                List.of(term("liv", 3, true), term("golf", 2, true), term("series", 1, false)));
        Features.Context ctx = new Features.Context(q, Set.of(), new float[] {1, 0});
        List<float[]> vectors = List.<float[]>of(new float[] {1, 0});
        // when
        double[] under = FEATURES.compute(ctx, List.of(new Features.PassageView(sp, 0, Set.of(), List.of(words(text)),
                vectors, words("What is the LIV Golf series?"), Set.copyOf(words(text))::contains))).get(0);
        double[] alone = FEATURES.compute(ctx, List.of(new Features.PassageView(sp, 0, Set.of(), List.of(words(text)),
                vectors))).get(0);
        // then the subhead's words count as the sentence's neighbours', not as its own
        assertEquals(0.0, under[Features.NAMES.indexOf("focus_self")]);
        assertEquals(1.0, under[Features.NAMES.indexOf("focus_neighbours")], 1e-9);
        assertEquals(0.0, under[Features.NAMES.indexOf("focus_missing_max")]);
        assertEquals(0.0, alone[Features.NAMES.indexOf("focus_neighbours")]);
        assertEquals(1.0, alone[Features.NAMES.indexOf("focus_missing_max")]);
    }

    @ParameterizedTest(name = "{0}: \"{1}\" near {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "NUMBER | The hearing covers the 187 minutes of the riot. | minutes | 1",
            "NUMBER | Minutes later the riot began, on January 6, 2021. | minutes | 2147483647",
            "NUMBER | About 2.5 million homes and businesses in Florida had no power. | power | 8",
            "AGENT | Voters in the state of Kansas kept the right to abortion. | state | 2",
            "AGENT | Voters in the state kept the right to abortion. | state | 2147483647",
            "TIME | The launch was moved to Saturday. | launch | 4",
            "REASON | The launch was moved because of a leak. | launch | 2147483647",
            "OTHER | The company named Ralph its new character. | character | 3",
    })
    void theAskedDetailStandsSomeWordsFromTheQuestionsWord(AnswerType type, String sentence, String near, int expected) {
        List<Evidence.Word> words = Evidence.words(sentence);
        List<List<String>> stemsOf = words.stream().map(w -> words(w.text())).toList();
        assertEquals(expected, Features.nearness(words, stemsOf, type, Set.of("voters", "abortion", near), Set.of(near)));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Around 2,500 soldiers were sent to the country, and officials said more than 40 people died. | 2,500",
            "Update from January 7th, 3:45 p.m.: 2,500 soldiers were sent in 2022. | 2,500",
            "More than 40 people died. | ''",
    })
    void theFiguresThatCountWhatWasAskedStandNextToTheQuestionsWords(String text, String figures) {
        Question q = new Question("How many soldiers were sent?", AnswerType.NUMBER,
                List.of(term("soldiers", 2, false), term("sent", 1, false)));
        Set<String> expected = figures.isEmpty() ? Set.of() : Set.of(figures.split(" "));
        assertEquals(expected, FEATURES.askedFigures(q, text));
    }

    @ParameterizedTest(name = "\"{0}\" against \"{1}\" -> negation {2}, figure {3}")
    @CsvSource(delimiter = '|', value = {
            "Which committees do not reflect the balance of parties? | Committees reflect the balance of parties. | 1 | 0",
            "Which committees do not reflect the balance of parties? | Some committees don't reflect it. | 0 | 0",
            "Which committees reflect the balance of parties? | Committees reflect the balance of parties. | 0 | 0",
            "Who was the director of the society in 1917? | Bowman was the director of the society in 1914. | 0 | 1",
            "Who was the director of the society in 1914? | Bowman was the director of the society in 1914. | 0 | 0",
            "Who was the director of the society? | Bowman was the director of the society in 1914. | 0 | 0",
            "Who seized more than $11 million of the balance? | Police seized $11.8 million of the balance. | 0 | 0",
            "Who seized more than $11 million of the balance? | Police seized $14 million of the balance. | 0 | 1",
            "What exists between non-reformist movements? | Reformist movements exist between the poles. | 1 | 0",
            "What exists between non-reformist movements? | Non-reformist movements exist between the poles. | 0 | 0",
    })
    void aSentenceThatDropsTheQuestionsNegationOrFigureIsMarked(String question, String sentence, double negation,
                                                               double figure) {
        Passage p = new Passage("a.txt#0", "a.txt", 0, 0, sentence.length(), sentence,
                List.of(new Span(0, sentence.length())));
        ScoredPassage sp = new ScoredPassage(p, 0.03, new Hit(p.id(), 1, 7.5f), null);
        Features.PassageView view = new Features.PassageView(sp, 0, Set.of(), List.of(words(sentence)),
                List.of(new float[] {1, 0}));
        Question q = new Question(question, AnswerType.OTHER, List.of(term("balance", 2, false)));
        double[] row = FEATURES.compute(new Features.Context(q, Set.of(), new float[] {1, 0}), List.of(view)).get(0);
        assertEquals(negation, row[Features.NAMES.indexOf("negation_unmatched")]);
        assertEquals(figure, row[Features.NAMES.indexOf("figure_unmatched")]);
    }

    @ParameterizedTest(name = "\"{0}\" against \"{2}\" -> swap {3} {4} {5}, negation {6}")
    @CsvSource(delimiter = '|', value = {
            // a word swapped between the same neighbours, as SQuAD's traps are written
            "Who was elected on the Lothian global list? | elected:1 lothian:1 global:1 list:1 "
                    + "| McLetchie was elected on the Lothian regional list. | 1 | 0 | 1 | 0",
            "Who was elected on the Lothian regional list? | elected:1 lothian:1 regional:1 list:1 "
                    + "| McLetchie was elected on the Lothian regional list. | 0 | 0 | 0 | 0",
            "Who was the director of the society in 1917? | director:1 society:1 1917:1 "
                    + "| Bowman was the director of the society in 1914. | 1 | 1 | 0 | 0",
            "Who was the director of the society? | director:1 society:1 "
                    + "| Bowman was the director of the society in 1914. | 0 | 0 | 0 | 0",
            // a name for a name; the swapped term is half as rare as the question's rarest
            "Who was director of the Paris society? | director:2 paris:1 society:2 "
                    + "| Bowman was director of the Warsaw society. | 0.5 | 1 | 1 | 0",
            // a paraphrase shares no neighbour with the question's missing words
            "When did the war end? | war:1 end:1 | Fighting stopped in 1945. | 0 | 0 | 0 | 0",
            // a word one denies and the other does not
            "Who did not mastermind the attacks? | mastermind:1 attacks:1 "
                    + "| Bin Laden did mastermind the attacks. | 0 | 0 | 0 | 1",
            "Who did mastermind the attacks? | mastermind:1 attacks:1 "
                    + "| Bin Laden did not mastermind the attacks. | 0 | 0 | 0 | 1",
            "Who did not mastermind the attacks? | mastermind:1 attacks:1 "
                    + "| Bin Laden did not mastermind the attacks. | 0 | 0 | 0 | 0",
            "What movement stresses non-Arab unity? | arab:1 unity:1 movement:1 "
                    + "| The Arab movement stresses unity. | 0 | 0 | 0 | 1",
            // a negator five words before denies nothing there
            "Who did not mastermind the attacks? | mastermind:1 attacks:1 "
                    + "| He did not flee, and he did mastermind the attacks. | 0 | 0 | 0 | 1",
            // a sentence that says a word both ways says it the question's way too
            "Which city faces a water crisis? | city:1 water:1 crisis:1 "
                    + "| Jackson had little or no water as its water plant failed. | 1 | 0 | 0 | 0",
            "Which city faces a water crisis? | city:1 water:1 crisis:1 "
                    + "| Jackson had little or no water. | 0 | 0 | 0 | 1",
            "Who did not approve the plan? | approve:1 plan:1 "
                    + "| The mayor did approve it, but the board did not approve the plan. | 0 | 0 | 0 | 0",
            // a negator denies nothing past the end of its clause, nor when a mark follows it: it answers
            "What did Kansas voters decide? | kansas:1 voters:1 decide:1 "
                    + "| The answer was clear: No. Voters in Kansas decide to keep the right. | 0 | 0 | 0 | 0",
            "What did Kansas voters decide? | kansas:1 voters:1 decide:1 "
                    + "| The answer was no; Kansas voters decide to keep the right. | 0 | 0 | 0 | 0",
            "What did Kansas voters decide? | kansas:1 voters:1 decide:1 "
                    + "| The answer was no Kansas voters decide to keep the right. | 0 | 0 | 0 | 1",
    })
    void aSentenceThatSaysSomethingElseThanTheQuestionIsMarked(String question, String terms, String sentence,
                                                                double share, double like, double framed,
                                                                double negation) {
        List<Question.Term> parsed = Arrays.stream(terms.split(" "))
                .map(t -> term(t.split(":")[0], Double.parseDouble(t.split(":")[1]), false)).toList();
        double[] row = row(FEATURES, question, parsed, sentence, words(sentence));
        assertEquals(share, row[Features.NAMES.indexOf("swap_share")], 1e-9);
        assertEquals(like, row[Features.NAMES.indexOf("swap_like")]);
        assertEquals(framed, row[Features.NAMES.indexOf("swap_framed")]);
        assertEquals(negation, row[Features.NAMES.indexOf("negation_differs")]);
    }

    @Test
    void aWordTheQuestionNamesByItsAcronymIsNoSwap(@TempDir Path dir) throws Exception {
        try (LuceneIndex index = LuceneIndex.open(dir, new NoEmbeddings())) {
            Features features = new Features(index::analyze);
            String sentence = "The Collective Security Treaty Organization (CSTO) includes Russia and Armenia.";
            String question = "Which countries belong to the CSTO?";
            Question.Term csto = new Question.Term("csto", Question.Role.FOCUS, 3, true, true, null,
                    Set.copyOf(index.analyze("Collective Security Treaty Organization")));
            Question.Term belong = new Question.Term("belong", Question.Role.FOCUS, 2, true, false);

            // the question's neighbours of "belong" are "countri" and "csto"; beside "csto" the sentence has
            // "organ", which the question names by the acronym, so nothing stands in for "belong"
            double[] acronym = row(features, question, List.of(csto, belong), sentence, index.analyze(sentence));
            // spelled out nowhere, the organisation's last word is a word the question lacks beside "csto"
            double[] bare = row(features, question, List.of(
                    new Question.Term("csto", Question.Role.FOCUS, 3, true, true), belong), sentence,
                    index.analyze(sentence));

            assertEquals(0, acronym[Features.NAMES.indexOf("swap_share")]);
            assertEquals(2.0 / 3, bare[Features.NAMES.indexOf("swap_share")], 1e-9);
        }
    }

    private static double[] row(Features features, String question, List<Question.Term> terms, String sentence,
                                List<String> stems) {
        Passage p = new Passage("a.txt#0", "a.txt", 0, 0, sentence.length(), sentence,
                List.of(new Span(0, sentence.length())));
        ScoredPassage sp = new ScoredPassage(p, 0.03, new Hit(p.id(), 1, 7.5f), null);
        Features.PassageView view = new Features.PassageView(sp, 0, Set.of(), List.of(stems),
                List.of(new float[] {1, 0}));
        Question q = new Question(question, AnswerType.OTHER, terms);
        return features.compute(new Features.Context(q, Set.of(), new float[] {1, 0}), List.of(view)).get(0);
    }

    /** Analyzing text embeds nothing. */
    private static final class NoEmbeddings implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            throw new AssertionError("the features embedded " + segments.size() + " texts");
        }
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "He said the talks had failed. | true",
            "“They will not return,” she said. | true",
            "The now 81-year-old stepped down. | true",
            "The former chancellor declined to comment. | true",
            "The same day, the ministry denied it. | true",
            "The former Prince of Wales became King on Thursday. | false",
            "Theresa May resigned. | false",
            "Thereafter the market fell. | false",
    })
    void aSentenceRefersBackByItsOpeningPronounOrDeterminer(String sentence, boolean refersBack) {
        assertEquals(refersBack, Features.ANAPHOR_OPENING.matcher(sentence).find());
    }

    @ParameterizedTest(name = "\"{0}\" against \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "An object on a horizontal spring scale feels what? | An object on a vertical spring scale feels its weight. | 1",
            "An object on a horizontal spring scale feels what? | An object on a horizontal spring scale feels its weight. | 0",
            "Is the scale horizontal or vertical? | The scale is vertical. | 0",
            "What force is weaker than gravity? | The strong force is stronger than gravity. | 1",
            "What force is weaker than gravity? | The weak force is weaker than gravity. | 0",
    })
    void aSentenceSayingTheOppositeOfAQuestionsWordIsMarked(String question, String sentence, double expected) {
        Passage p = new Passage("a.txt#0", "a.txt", 0, 0, sentence.length(), sentence,
                List.of(new Span(0, sentence.length())));
        ScoredPassage sp = new ScoredPassage(p, 0.03, new Hit(p.id(), 1, 7.5f), null);
        Features.PassageView view = new Features.PassageView(sp, 0, Set.of(), List.of(words(sentence)),
                List.of(new float[] {1, 0}));
        List<Question.Term> terms = words(question).stream().map(w -> term(w, 1, false)).toList();
        Question q = new Question(question, AnswerType.OTHER, terms);
        double[] row = FEATURES.compute(new Features.Context(q, Set.of(), new float[] {1, 0}), List.of(view)).get(0);
        assertEquals(expected, row[Features.NAMES.indexOf("antonym_unmatched")]);
    }

    @ParameterizedTest(name = "\"{0}\" against \"{1}\" -> names held {2}, missing {3}")
    @CsvSource(delimiter = '|', value = {
            "Which Premier League club signed Kane? | Bayern Munich signed Kane on Saturday. | 1 | 0",
            "Which Premier League club signed Kane? | Bayern Munich signed a striker on Saturday. | 0 | 1",
            "Which club did Bayern Munich sign Kane from? | Bayern Munich signed Kane from Tottenham. | 1 | 0",
            "Which club did Bayern Munich sign Kane from? | Kane left Tottenham. | 0.3333 | 2",
    })
    void theNamesOfTheKindAskedForNeedNotStandInTheSentence(String question, String sentence, double held,
                                                           double missing) {
        List<Question.Term> terms = words(question).stream().filter(w -> !Set.of("which", "did", "from").contains(w))
                .map(w -> term(w, 1, question.contains(" " + Character.toUpperCase(w.charAt(0)) + w.substring(1))))
                .toList();
        double[] row = row(FEATURES, question, terms, sentence, words(sentence));
        assertEquals(held, row[Features.NAMES.indexOf("names_self")], 1e-3);
        assertEquals(missing, row[Features.NAMES.indexOf("names_missing")]);
    }

    private static double missingMax(List<Question.Term> terms, String text) {
        return Features.missingMax(terms, stems(text), loose(text));
    }

    private static double nameShare(List<Question.Term> terms, String text) {
        return Features.nameShare(terms, stems(text), loose(text));
    }

    /** Each term's loose matches among the text's stems, as {@code compute} finds them among all its candidates'. */
    private static Function<Question.Term, Set<String>> loose(String text) {
        Set<String> stems = stems(text);
        return t -> Features.looseMatches(t, stems);
    }
}
