package dev.briefing.bot.summary;

import dev.briefing.bot.store.JdbcStore;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import dev.briefing.knowledge.summarize.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.briefing.bot.summary.SampleArticles.reporting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryServiceTest {

    static final LocalDate D = LocalDate.of(2022, 1, 7);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2022-01-10T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    final List<Article> articles = new ArrayList<>(List.of(
            reporting("d0-a", D.minusDays(1), 0, 1), reporting("d0-b", D.minusDays(1), 2),
            reporting("d1-a", D, 0, 3), reporting("d1-b", D, 4),
            reporting("d2-a", D.plusDays(1), 5, 1), reporting("d2-b", D.plusDays(1), 2, 3),
            reporting("d3-a", D.plusDays(2), 4, 0)));

    @Test
    void aThousandConcurrentRequestsForOneDayComputeItOnce() throws Exception {
        // given a summarizer that holds its first computation until every request has started
        int requests = 1000;
        CountDownLatch started = new CountDownLatch(requests);
        SampleArticles.CountingSummarizer counting = new SampleArticles.CountingSummarizer() {
            @Override
            public Summary summarize(LocalDate day, List<Article> a, List<Article> before) {
                await(started);
                return super.summarize(day, a, before);
            }
        };
        try (JdbcStore store = JdbcStore.open(data)) {
            SummaryService service = new SummaryService(ArticleSource.of(articles), counting, store, CLOCK);
            ExecutorService pool = Executors.newFixedThreadPool(requests);
            List<Future<Summary>> answers = new ArrayList<>();

            // when
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    started.countDown();
                    return service.summaryOf(D).orElseThrow();
                }));
            }
            Summary first = answers.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Summary> f : answers) {
                assertSame(first, f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();

            // then
            assertEquals(1, counting.calls.get());
        }
    }

    @Test
    void aRestartReadsTheStoredSummaryInsteadOfRecomputing() {
        // given a summary computed before a restart
        Summary before;
        try (JdbcStore store = JdbcStore.open(data)) {
            before = new SummaryService(ArticleSource.of(articles), new CentroidSummarizer(), store, CLOCK).summaryOf(D).orElseThrow();
        }

        // when the bot starts again
        SampleArticles.CountingSummarizer counting = new SampleArticles.CountingSummarizer();
        try (JdbcStore store = JdbcStore.open(data)) {
            Summary after = new SummaryService(ArticleSource.of(articles), counting, store, CLOCK).summaryOf(D).orElseThrow();

            // then
            assertEquals(0, counting.calls.get());
            assertEquals(before, after);
        }
    }

    @Test
    void changingAnArticleOfOneDayRecomputesThatDayAndTheNextOnly() {
        // given every day summarized once
        SampleArticles.CountingSummarizer counting = new SampleArticles.CountingSummarizer();
        List<Article> live = new ArrayList<>(articles);
        ArticleSource source = new ArticleSource() {
            @Override
            public List<Article> articlesOn(LocalDate day) {
                return ArticleSource.of(live).articlesOn(day);
            }

            @Override
            public List<LocalDate> days() {
                return ArticleSource.of(live).days();
            }
        };
        try (JdbcStore store = JdbcStore.open(data)) {
            SummaryService service = new SummaryService(source, counting, store, CLOCK);
            List<LocalDate> days = List.of(D.minusDays(1), D, D.plusDays(1), D.plusDays(2));
            days.forEach(service::summaryOf);
            assertEquals(4, counting.calls.get());

            // when one article of D changes
            live.replaceAll(a -> a.id().equals("d1-b") ? reporting("d1-b", D, 4, 5) : a);
            counting.calls.set(0);
            days.forEach(service::summaryOf);

            // then D and D+1 (its "new since the day before" reads D) are recomputed, and no other day
            assertEquals(2, counting.calls.get());
            days.forEach(service::summaryOf);
            assertEquals(2, counting.calls.get());
        }
    }

    @Test
    void aDayWithoutArticlesHasNoSummaryAndLatestDaysAreFound() {
        try (JdbcStore store = JdbcStore.open(data)) {
            SummaryService service = new SummaryService(ArticleSource.of(articles), new CentroidSummarizer(), store, CLOCK);
            assertTrue(service.summaryOf(D.plusDays(10)).isEmpty());
            assertEquals(D.plusDays(2), service.latestDay().orElseThrow());
            assertEquals(D, service.latestDayUpTo(D).orElseThrow());
            assertTrue(service.latestDayUpTo(D.minusDays(5)).isEmpty());
        }
    }

    @Test
    void theStoredDocumentReadsBackAsTheSameSummary() {
        Summary s = new CentroidSummarizer().summarize(D, ArticleSource.of(articles).articlesOn(D),
                ArticleSource.of(articles).articlesOn(D.minusDays(1)));
        assertEquals(s, SummaryCodec.read(SummaryCodec.write(s)));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "not every request started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
