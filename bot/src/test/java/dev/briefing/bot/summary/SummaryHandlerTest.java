package dev.briefing.bot.summary;

import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.Subscription;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static dev.briefing.bot.summary.SampleArticles.reporting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryHandlerTest {

    /** 23:30 UTC on 7 January: already the 8th in Almaty (UTC+5). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2022-01-07T23:30:00Z"), ZoneOffset.UTC);
    static final LocalDate D7 = LocalDate.of(2022, 1, 7);
    static final LocalDate D8 = LocalDate.of(2022, 1, 8);

    @TempDir
    Path data;
    JdbcStore store;
    SummaryHandler handler;

    @BeforeEach
    void open() {
        store = JdbcStore.open(data);
        List<Article> articles = List.of(reporting("a", D7, 0, 1), reporting("b", D7, 5), reporting("c", D8, 2, 3));
        handler = new SummaryHandler(new SummaryService(ArticleSource.of(articles), new CentroidSummarizer(), store, CLOCK),
                store, CLOCK);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void todayIsReadInTheChatsTimeZone() {
        // given chat 2 lives in Almaty, chat 1 has no subscription (UTC)
        store.subscribe(Subscription.of(2, LocalTime.of(8, 0), ZoneId.of("Asia/Almaty"), CLOCK.instant()));

        // then
        assertTrue(handler.reply(1, 1, "today").startsWith("<b>Briefing for Friday 7 January 2022</b>"));
        assertTrue(handler.reply(2, 2, "today").startsWith("<b>Briefing for Saturday 8 January 2022</b>"));
    }

    @Test
    void articleTextIsEscapedForTelegramHtml() {
        // given an article whose every sentence holds HTML's reserved characters
        Article raw = SampleArticles.article("raw<1>", D7, "Prices rose by <b>ten</b> percent & more at stations in Almaty. "
                + "Drivers said the \"fuel & gas\" queues reached three kilometres on Friday. "
                + "The ministry said supplies of <fuel> would resume within days & nights.");
        var summary = new CentroidSummarizer().summarize(D7, List.of(raw), List.of());

        // when
        String html = SummaryFormatter.html("A & B", summary);

        // then only our own tags remain
        String stripped = html.replaceAll("</?(b|i)>", "");
        assertFalse(stripped.contains("<") || stripped.contains(">"), html);
        assertTrue(html.contains("&lt;b&gt;ten&lt;/b&gt; percent &amp; more"), html);
        assertTrue(html.startsWith("<b>A &amp; B</b>"), html);
    }

    @Test
    void theDefaultIsTheLatestDayWithArticles() {
        assertEquals(handler.reply(1, 1, "latest"), handler.reply(1, 1, ""));
        assertTrue(handler.reply(1, 1, "").contains("8 January 2022"));
    }

    @Test
    void aDayWithoutArticlesListsTheDaysThatHaveThem() {
        assertEquals("No articles on 2022-01-05. Days with articles: 2022-01-07, 2022-01-08.", handler.reply(1, 1, "2022-01-05"));
    }

    @Test
    void nonsenseIsAnsweredWithUsage() {
        assertEquals("Which day? Use " + DayArgument.USAGE + ".", handler.reply(1, 1, "next week"));
    }

    @ParameterizedTest(name = "''{0}'' in {1} is {2}")
    @CsvSource({
            "today,      UTC,               2022-01-07",
            "yesterday,  UTC,               2022-01-06",
            "TODAY,      Asia/Almaty,       2022-01-08",
            "yesterday,  America/New_York,  2022-01-06",
            "2021-12-31, Asia/Almaty,       2021-12-31",
            "latest,     UTC,               2022-01-08",
    })
    void daysAreResolved(String argument, String zone, LocalDate expected) {
        assertEquals(Optional.of(expected), DayArgument.resolve(argument, ZoneId.of(zone), CLOCK, () -> Optional.of(D8)));
    }

    @Test
    void anInvalidDateIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DayArgument.resolve("2022-13-01", ZoneOffset.UTC, CLOCK, Optional::empty));
        assertTrue(e.getMessage().contains("'2022-13-01'"), e.getMessage());
    }
}
