package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.article.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CentroidSummarizerTest {

    static final LocalDate DAY = LocalDate.of(2022, 1, 7);

    /** Eight separate stories, three statements each; no two stories share content words. */
    static final String[][] STORIES = {
            {"Protesters in Almaty stormed the mayor's office after fuel prices doubled overnight.",
             "Police in Almaty fired tear gas at protesters gathered outside the mayor's office.",
             "The doubled fuel prices angered drivers across the western oil region."},
            {"The central bank raised its key interest rate by half a point to curb inflation.",
             "Economists expect the higher interest rate to slow mortgage lending this spring.",
             "Inflation reached seven percent in December, the bank's governor told reporters."},
            {"A magnitude six earthquake shook the coastal province early on Friday morning.",
             "Rescue teams searched collapsed houses in three fishing villages near the epicentre.",
             "Seismologists warned that aftershocks could continue for several weeks."},
            {"The football federation dismissed its national coach after the team lost the qualifier.",
             "Supporters had demanded the coach's departure since the defeat against Norway.",
             "A caretaker manager will lead the squad in the friendly match next month."},
            {"Heavy snowfall closed the mountain highway and stranded hundreds of lorries.",
             "Snowploughs worked through the night to reopen the pass before the weekend.",
             "Meteorologists forecast another metre of snow on the northern slopes."},
            {"Parliament approved a budget that doubles spending on rural hospitals.",
             "Opposition deputies criticised the budget for neglecting teachers' salaries.",
             "The finance minister said rural hospitals would receive new ambulances."},
            {"Astronomers photographed a comet passing unusually close to Mars.",
             "The comet's tail stretched across millions of kilometres according to observatory images.",
             "Amateur telescopes should see the comet near the horizon after sunset."},
            {"The vaccine maker announced a factory that will employ two thousand workers.",
             "Construction of the vaccine factory starts in March on a former airfield.",
             "Local officials welcomed the factory as the largest investment in a decade."},
    };

    final CentroidSummarizer summarizer = new CentroidSummarizer();

    static String story(int k) {
        return String.join(" ", STORIES[k]);
    }

    /** An article reporting stories {@code ks}, one paragraph each. */
    static Article reporting(String id, LocalDate day, int... ks) {
        List<String> paragraphs = new ArrayList<>();
        for (int k : ks) {
            paragraphs.add(story(k));
        }
        return Articles.article(id, day, String.join("\n\n", paragraphs));
    }

    @Test
    void everyPointIsAVerbatimSpanOfItsArticle() {
        // given
        List<Article> day = List.of(reporting("a", DAY, 0, 1, 2), reporting("b", DAY, 3, 4), reporting("c", DAY, 5, 6, 7));

        // when
        Summary summary = summarizer.summarize(DAY, day, List.of());

        // then
        for (Point p : summary.points()) {
            Citation c = p.citation();
            Article source = day.stream().filter(a -> a.id().equals(c.articleId())).findFirst().orElseThrow();
            assertEquals(source.text().substring(c.start(), c.end()), c.quote());
            assertEquals(source.title(), c.title());
            assertEquals(DAY, c.date());
        }
    }

    @ParameterizedTest(name = "{0} articles give {1} points")
    @CsvSource({"1, 3", "2, 4", "3, 5", "4, 6", "5, 7", "8, 7"})
    void pointCountGrowsWithTheDayBetweenThreeAndSeven(int articles, int points) {
        // given one distinct story per article
        List<Article> day = new ArrayList<>();
        for (int k = 0; k < articles; k++) {
            day.add(reporting("art" + k, DAY, k, (k + 1) % STORIES.length));
        }

        // when
        Summary summary = summarizer.summarize(DAY, day, List.of());

        // then
        assertEquals(points, summary.points().size());
        assertEquals(articles, summary.articles());
    }

    @Test
    void sentencesAreSplitWhenPassagesComeWithoutThem() {
        // given
        Article a = Articles.unsplit("raw", DAY, story(0) + "\n\n" + story(2));

        // when
        Summary summary = summarizer.summarize(DAY, List.of(a), List.of());

        // then
        assertEquals(3, summary.points().size());
        summary.points().forEach(p -> assertEquals(a.text().substring(p.citation().start(), p.citation().end()), p.text()));
        summary.points().forEach(p -> assertTrue(p.text().endsWith("."), p.text()));
    }

    @Test
    void anExplainersQuestionsAreNeverPoints() {
        // given: each story under a subhead that asks what it answers, in the story's own words
        Article explainer = Articles.article("explainer", DAY, String.join("\n\n",
                "What happened when protesters in Almaty stormed the mayor's office over doubled fuel prices?",
                story(0),
                "Which fishing villages did the magnitude six earthquake shake in the coastal province?",
                story(2),
                "What did astronomers photograph passing unusually close to Mars, and when can telescopes see it?",
                story(6)));

        // when
        Summary summary = summarizer.summarize(DAY, List.of(explainer), List.of());

        // then
        assertFalse(summary.points().isEmpty());
        summary.points().forEach(p -> assertTrue(p.text().endsWith("."), p.text()));
    }

    @Test
    void wireCopiesOfOneStoryMakeOnePointNamingTheOtherCopies() {
        // given three outlets carrying the same agency text on story 0, and one unrelated article
        List<Article> day = List.of(
                Articles.article("agency", DAY, story(0)),
                Articles.article("paper", DAY, "Local edition. " + story(0)),
                Articles.article("portal", DAY, story(0) + " More at eleven."),
                reporting("other", DAY, 2, 4));

        // when
        Summary summary = summarizer.summarize(DAY, day, List.of());

        // then the shared story leads, each of its sentences appears at most once and names its two other carriers
        assertTrue(List.of(STORIES[0]).contains(summary.points().get(0).text()), summary.points().get(0).text());
        for (String sentence : STORIES[0]) {
            List<Point> carrying = summary.points().stream().filter(p -> p.text().equals(sentence)).toList();
            assertTrue(carrying.size() <= 1, "repeated point: " + sentence);
            carrying.forEach(p -> assertEquals(2, p.citation().alsoReportedBy().size(), p.citation().toString()));
        }
        long distinctQuotes = summary.points().stream().map(Point::text).distinct().count();
        assertEquals(summary.points().size(), distinctQuotes);
    }

    @Test
    void theWidelyReportedStoryComesFirst() {
        // given story 1 told by four articles, each other story by one
        List<Article> day = List.of(
                reporting("a", DAY, 1, 2), reporting("b", DAY, 3, 1), reporting("c", DAY, 4, 1),
                reporting("d", DAY, 1, 5), reporting("e", DAY, 6));

        // when
        Summary summary = summarizer.summarize(DAY, day, List.of());

        // then
        Point first = summary.points().get(0);
        assertTrue(List.of(STORIES[1]).contains(first.text()), first.text());
        assertTrue(first.score().coverage() > 0.5, first.score().explain());
    }

    @Test
    void newSinceTheDayBeforeHoldsOnlyWhatTheDayBeforeDidNotReport() {
        // given yesterday reported stories 0 and 1; today reports 0, 1 and the new stories 2..5
        LocalDate yesterday = DAY.minusDays(1);
        List<Article> before = List.of(reporting("y1", yesterday, 0), reporting("y2", yesterday, 1));
        List<Article> today = List.of(reporting("t1", DAY, 0, 1), reporting("t2", DAY, 0, 2), reporting("t3", DAY, 1, 3),
                reporting("t4", DAY, 4, 5, 6, 7));

        // when
        Summary summary = summarizer.summarize(DAY, today, before);

        // then
        assertEquals(yesterday, summary.dayBefore());
        assertFalse(summary.newSinceDayBefore().isEmpty());
        for (Point p : summary.newSinceDayBefore()) {
            assertFalse(List.of(STORIES[0]).contains(p.text()), "old news: " + p.text());
            assertFalse(List.of(STORIES[1]).contains(p.text()), "old news: " + p.text());
            assertTrue(p.score().novelty() >= 1 - CentroidSummarizer.SEEN, p.score().explain());
            assertFalse(summary.points().contains(p), "repeats a main point: " + p.text());
        }
    }

    @Test
    void withoutArticlesTheDayBeforeThereIsNoNewPart() {
        // when
        Summary summary = summarizer.summarize(DAY, List.of(reporting("a", DAY, 0, 1)), List.of());

        // then
        assertNull(summary.dayBefore());
        assertTrue(summary.newSinceDayBefore().isEmpty());
        summary.points().forEach(p -> assertEquals(1.0, p.score().novelty()));
    }

    @Test
    void theSummaryDoesNotDependOnTheOrderOfArticles() {
        // given
        List<Article> day = new ArrayList<>(List.of(reporting("a", DAY, 0, 1), reporting("b", DAY, 1, 2),
                reporting("c", DAY, 3), reporting("d", DAY, 0, 4)));
        Summary expected = summarizer.summarize(DAY, day, List.of());

        // when
        Collections.shuffle(day, new Random(7));
        Summary shuffled = summarizer.summarize(DAY, day, List.of());

        // then
        assertEquals(expected, shuffled);
    }

    @Test
    void aDayWithoutArticlesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> summarizer.summarize(DAY, List.of(), List.of()));
        assertTrue(e.getMessage().contains("2022-01-07"), e.getMessage());
    }

    @Test
    void aDayWithoutCitableSentencesIsRefused() {
        Article tiny = Articles.article("tiny", DAY, "Short.\n\nToo short too.");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> summarizer.summarize(DAY, List.of(tiny), List.of()));
        assertTrue(e.getMessage().contains("no citable sentence"), e.getMessage());
    }
}
