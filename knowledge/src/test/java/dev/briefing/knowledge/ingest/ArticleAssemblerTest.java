package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArticleAssemblerTest {

    /** A text whose one date opens no paragraph: an event's, not the article's. */
    private static final String UNDATED = "Vin Scully died on Tuesday at the age of 94.\n\n"
            + "The broadcaster, who was born in New York on November 29, 1927, called games for 67 years.";

    private static final String PAGE = String.join("\n",
            "The Daily Example",
            "",
            "Now you can see non-English news...",
            "",
            "Floods close the river port for a week",
            "",
            "2023-05-04T10:00:00Z",
            "",
            "",
            "Enlarge image",
            "",
            "The harbour master on Tuesday",
            "",
            "Photo: Jane Doe / Example Agency",
            "",
            "The river port of Exampleton was closed on Thursday after floods. Officials said 40 ships were stranded.",
            "",
            "Legend:",
            "",
            "Boats wait at the closed lock.",
            "",
            "Keystone",
            "",
            "Water levels are expected to fall by Sunday. (ab / cd / Reuters)",
            "",
            "A man looks at the water. © John Roe / dpa",
            "",
            "You may like",
            "",
            "Trends 24h",
            "",
            "Write a comment ...",
            "Post comment",
            "Cancel",
            "",
            "Source: examplenews");

    @Test
    void keepsProseAndDropsPageDebris() {
        // when
        Article a = ArticleAssembler.assemble("page.txt", PAGE, "h", ArticleAssembler.Hints.NONE);
        // then
        StringBuilder all = new StringBuilder();
        for (Passage p : a.passages()) {
            for (Span s : p.sentences()) {
                all.append(a.slice(s.start(), s.end())).append('\n');
            }
        }
        String kept = all.toString();
        assertTrue(kept.contains("The river port of Exampleton was closed on Thursday after floods."));
        assertTrue(kept.contains("Water levels are expected to fall by Sunday."));
        for (String debris : new String[] {"Now you can see", "Enlarge", "Photo:", "Boats wait", "Keystone",
                "Reuters", "©", "You may like", "Trends", "comment", "Cancel", "Source:", "harbour master"}) {
            assertFalse(kept.contains(debris), "debris kept: " + debris);
        }
    }

    @ParameterizedTest(name = "\"{0}\" closes a caption: {1}")
    @CsvSource(delimiter = '|', value = {
            "KFC | true",
            "Adrian Dennis/AFP/Getty Images | true",
            "Arden S. Barnes/The Washington Post/Getty Images | true",
            "Courtesy Museum of London | true",
            "Officials said 40 ships were stranded. | false",
            "He said it would | false",
            "“We are ready” | false",
            "One Two Three Four Five Six Seven Eight Nine | false",
    })
    void aClosingCreditIsAFewCapitalisedWordsWithoutClosingPunctuation(String sentence, boolean credit) {
        assertEquals(credit, Debris.isClosingCredit(sentence));
    }

    @Test
    void aCaptionsCreditOnItsLineIsPartOfTheCaptionsSentence() {
        // given a caption ending in its credit, on one line
        String text = "Floods closed the river port of Exampleton on Thursday.\n\n"
                + "Boats wait at the closed lock. Jane Doe/Example Agency\n\n"
                + "Water levels are expected to fall by Sunday, officials said.";
        // when
        Article a = ArticleAssembler.assemble("port.txt", text, "h", ArticleAssembler.Hints.NONE);
        // then the credit is no sentence of its own, to be quoted alone, but ends the caption's
        Passage caption = a.passages().get(1);
        assertEquals("Boats wait at the closed lock. Jane Doe/Example Agency", caption.text());
        assertEquals(List.of("Boats wait at the closed lock. Jane Doe/Example Agency"),
                caption.sentences().stream().map(s -> a.slice(s.start(), s.end())).toList());
        assertEquals(3, a.passages().size());
    }

    @Test
    void aGallerysButtonsAfterItsLastCaptionAreNoText() {
        // given a photo gallery's captions in one run, its buttons on the last caption's line
        String text = "Floods closed the river port of Exampleton on Thursday.\n\n"
                + "Boats wait at the closed lock. Jane Doe/Example Agency Dock workers carry sandbags. "
                + "John Roe/Example Agency Prev Next\n\n"
                + "Water levels are expected to fall by Sunday, officials said.";
        // when
        Article a = ArticleAssembler.assemble("port.txt", text, "h", ArticleAssembler.Hints.NONE);
        // then the last credit closes the last caption, and the buttons are in no sentence
        Passage gallery = a.passages().get(1);
        Span last = gallery.sentences().get(gallery.sentences().size() - 1);
        assertTrue(a.slice(last.start(), last.end()).endsWith("sandbags. John Roe/Example Agency"),
                a.slice(last.start(), last.end()));
        assertFalse(gallery.text().contains("Prev"), gallery.text());
        assertEquals(3, a.passages().size());
    }

    @ParameterizedTest(name = "\"{0}\" ends with {1} characters of a gallery's buttons")
    @CsvSource(delimiter = '|', value = {
            "A caption. Jane Doe/AP Prev Next | 10",
            "A caption. Jane Doe/AP Previous Next | 14",
            "Read the next chapter. | 0",
            "Prev Next | 0",
    })
    void aGallerysButtonsCloseItsBlock(String block, int length) {
        assertEquals(length, Debris.trailingChrome(block));
    }

    @Test
    void readsTitleDateAndSourceFromThePageHead() {
        // when
        Article a = ArticleAssembler.assemble("page.txt", PAGE, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals("Floods close the river port for a week", a.title());
        assertEquals(LocalDate.of(2023, 5, 4), a.date());
        assertEquals(DatePrecision.METADATA, a.datePrecision());
        assertEquals("examplenews", a.source());
    }

    @Test
    void fallsBackToADateInTheTextAndToTheLeadAsTitle() {
        // given
        String text = "Rain returned to the valley. Farmers were relieved.\n\nUpdate from Monday, March 6th, 2023: more rain fell on the fields in the north of the valley overnight.";
        // when
        Article a = ArticleAssembler.assemble("rain.md", text, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals("Rain returned to the valley.", a.title());
        assertEquals(LocalDate.of(2023, 3, 6), a.date());
        assertEquals(DatePrecision.TEXT, a.datePrecision());
    }

    @Test
    void aDateInsideAParagraphIsAnEventsNotTheArticles() {
        // when
        Article a = ArticleAssembler.assemble("scully.txt", UNDATED, "h", ArticleAssembler.Hints.NONE);
        // then
        assertNull(a.date());
        assertEquals(DatePrecision.NONE, a.datePrecision());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "rtqa_20220624_0.txt | 2022-06-24 | FILE_NAME",
            "2022/06/24/scully.html | 2022-06-24 | FILE_NAME",
            "news/scully.txt | '' | NONE",
    })
    void anArticleWithoutADateInItsTextTakesTheDayItsFileIsNamedBy(String id, String date, DatePrecision precision) {
        // when
        Article a = ArticleAssembler.assemble(id, UNDATED, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals(date.isEmpty() ? null : LocalDate.parse(date), a.date());
        assertEquals(precision, a.datePrecision());
    }

    @Test
    void aDateInTheTextComesBeforeTheFileName() {
        // given a date line, and another day in the file's name (the day it was saved)
        String text = "Floods close the port\n\nPublished: May 4, 2023\n\nThe river port closed for a week.";
        // when
        Article a = ArticleAssembler.assemble("saved-2023-05-09.txt", text, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals(LocalDate.of(2023, 5, 4), a.date());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Born: November 14, 1948 | ''",
            "Published: November 14, 2022 | 2022-11-14",
            "Updated 10:21 AM ET, Mon November 14, 2022 | 2022-11-14",
            "November 14, 2022 | 2022-11-14",
    })
    void aDateLineDatesThePageUnlessItsLabelSaysItIsAnotherDate(String line, String expected) {
        // given a profile's fact box, or a page's own date line
        String text = "King Charles III\n\n" + line + "\n\nCharles has become Britain’s new King.";
        // when
        Article a = ArticleAssembler.assemble("king.txt", text, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals(expected.isEmpty() ? null : LocalDate.parse(expected), a.date());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // a wire dateline, an editor's note and a newsletter prompt before the text
            "Editor’s Note: CNN’s continuing coverage of the storm can be found here.\n\n"
                    + "Sign up for CNN’s Wonder Theory science newsletter.\n\nJackson, Wyoming CNN —\n\n%s",
            // a video embed's line before it, and the ad feedback form under the video player after it
            "Video Ad Feedback Damning report reveals Downing Street's party culture 02:54 - Source: CNN\n\n%s\n\n"
                    + "1. How relevant is this ad to you?\n\n"
                    + "Video player was slow to load content Video content never loaded Ad froze or did not finish",
    })
    void pageChromeAroundTheTextIsNeitherTitleNorPassage(String page) {
        // given
        String paragraph = "At least two people have died after Nicole made landfall. Power is out for thousands.";
        String text = page.formatted(paragraph);
        // when
        Article a = ArticleAssembler.assemble("nicole.txt", text, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals("At least two people have died after Nicole made landfall.", a.title());
        assertEquals(1, a.passages().size());
        assertEquals(paragraph, a.passages().get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "notes.md"})
    void everySentenceOffsetIsAVerbatimSpanOfTheText(String name) {
        // when
        Article a = ArticleAssembler.assemble(name, PAGE, "h", ArticleAssembler.Hints.NONE);
        // then
        for (Passage p : a.passages()) {
            assertEquals(p.text(), PAGE.substring(p.start(), p.end()));
            for (Span s : p.sentences()) {
                assertEquals(p.sentenceText(s), PAGE.substring(s.start(), s.end()));
                assertFalse(Character.isWhitespace(PAGE.charAt(s.start())));
            }
        }
    }

    @Test
    void bulletLinesAreTheirOwnPassages() {
        // given
        String text = "Headline of the day here\n\n  • First point is made here.\n  • Second point follows it.\n";
        // when
        Article a = ArticleAssembler.assemble("b.txt", text, "h", ArticleAssembler.Hints.NONE);
        // then
        assertEquals(2, a.passages().size());
        assertEquals("First point is made here.", a.passages().get(0).text());
    }
}
