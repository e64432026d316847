package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.index.TermStats;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuestionReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "A heat wave closed schools across the region this week. Which country declared an emergency? | A heat wave closed schools across the region this week. | Which country declared an emergency?",
            "Which country declared an emergency? | '' | Which country declared an emergency?",
            "Prices rose. Wages fell. How much did rents rise? | Prices rose. Wages fell. | How much did rents rise?",
            "What did Dr. Smith say about the U.S. economy? | '' | What did Dr. Smith say about the U.S. economy?",
            "Tell me about the strike. | '' | Tell me about the strike.",
    })
    void aQuizStyleQuestionsLastQuestionIsTheRealOne(String text, String lead, String focus) {
        String[] split = QuestionReader.splitLead(text);
        assertEquals(lead, split[0]);
        assertEquals(focus, split[1]);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "What country announced a crackdown on toys? | country",
            "Which Ivy League university acknowledged submitting inaccurate data? | university",
            "Which new character did M&M's add this week? | new character",
            "How many baby swings and rockers were recalled? | baby swings",
            "How many minutes did Trump let violence play out? | minutes",
            "Primary voters in which state struck down an amendment? | state",
            "What is the CSTO? | ''",
            "Who is Ablyazov? | ''",
    })
    void theWordsAfterWhichOrHowManyNameTheKindOfThingAsked(String focus, String expected) {
        assertEquals(words(expected), QuestionReader.headWords(focus));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Which Premier League club signed the striker? | Premier League",
            "which US state passed the law? | US",
            "What NGO runs the camp? | NGO",
            "How many EU members voted against it? | EU",
            "Which club did Real Madrid beat? | ''",
            "What did Scholz say about arms exports? | ''",
            "Which country hosts the UN climate talks? | ''",
            "Who is Ablyazov? | ''",
    })
    void theNamesBeforeTheAskedNounNameTheKindOfThingAsked(String focus, String expected) {
        assertEquals(words(expected), QuestionReader.kindNames(focus));
    }

    /** The words of a table cell, none for an empty one. */
    private static List<String> words(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Which team was invited to the White House this week? | Which team was invited to the White House  ?",
            "What did the council decide last month's meeting? | What did the council decide   meeting?",
            "Who won the award earlier this year? | Who won the award  ?",
            "What rose in recent weeks? | What rose  ?",
            "Who resigned yesterday? | Who resigned  ?",
            "How many people were recently evacuated? | How many people were   evacuated?",
            "This past weekend, who won? | ' , who won?'",
            "What happened in the last week of May? | What happened in the last week of May?",
            "Who opened Fashion Week? | Who opened Fashion Week?",
            "Which week did the talks start? | Which week did the talks start?",
    })
    void timeToldFromTheMomentOfAskingIsNoPartOfTheTopic(String question, String expected) {
        assertEquals(expected, QuestionReader.withoutDeicticTime(question));
    }

    @Test
    void aQuestionOnlyAboutItsTimeKeepsTheTimeAsItsTopic(@TempDir Path dir) throws Exception {
        try (LuceneIndex index = LuceneIndex.open(dir, new NoEmbeddings())) {
            QuestionReader reader = new QuestionReader(index, new TermStats(term -> 1, 10), Acronyms.none());

            Question quiz = reader.read("Which team was invited to the White House this week?", "");
            Question onlyTime = reader.read("What happened this week?", "");

            assertEquals(List.of("team", "invit", "white", "hous"), stems(quiz));
            assertEquals(List.of("week"), stems(onlyTime));
        }
    }

    @Test
    void aNameSpelledOutStandsForTheAcronymTheArticlesUse(@TempDir Path dir) throws Exception {
        try (LuceneIndex index = LuceneIndex.open(dir, new NoEmbeddings())) {
            String text = "The UK prime minister resigned.";
            Passage p = new Passage(Passage.idOf("a", 0), "a", 0, 0, text.length(), text,
                    List.of(new Span(0, text.length())));
            Acronyms acronyms = Acronyms.of(List.of(
                    new Article("a", "title", null, DatePrecision.NONE, "", "", text, "h", List.of(p))));
            QuestionReader reader = new QuestionReader(index, new TermStats(term -> 1, 10), acronyms);

            Question q = reader.read("Who leads the United Kingdom and the United Arab Emirates?", "");

            Map<String, Set<String>> forms = new LinkedHashMap<>();
            q.terms().forEach(t -> forms.put(t.stem(), t.spelledOut()));
            // the articles say "UK" but never "UAE": only the first name has a short form to be found by
            assertEquals(Map.of("lead", Set.of(), "unit", Set.of("uk"), "kingdom", Set.of("uk"), "arab", Set.of(),
                    "emir", Set.of()), forms);
        }
    }

    private static List<String> stems(Question q) {
        return q.terms(Question.Role.FOCUS).stream().map(Question.Term::stem).toList();
    }

    /** Reading a question embeds nothing. */
    private static final class NoEmbeddings implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            throw new AssertionError("a question's reading embedded " + segments.size() + " texts");
        }
    }
}
