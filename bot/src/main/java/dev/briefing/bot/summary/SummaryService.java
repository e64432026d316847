package dev.briefing.bot.summary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.briefing.bot.store.SummaryStore;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.summarize.DayVersion;
import dev.briefing.knowledge.summarize.Summarizer;
import dev.briefing.knowledge.summarize.Summary;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Day summaries, each computed once: kept in a Caffeine cache keyed by the day and the {@link DayVersion} of
 * its inputs, and behind that in the database, so a restart reads rather than recomputes. Since the key holds
 * the version, an article added, changed or removed on day D misses the cache for D (and for D+1, whose "new
 * since the day before" part reads D) and for no other day. Caffeine computes a missing key once while
 * concurrent callers for it wait, so a thousand chats asking at once cost one summary. Thread-safe.
 */
public final class SummaryService {

    /** Days kept in memory: over a year of daily briefings, a few kilobytes each. */
    static final int CACHED_DAYS = 400;

    private final ArticleSource source;
    private final Summarizer summarizer;
    private final SummaryStore store;
    private final Clock clock;
    private final Cache<Key, Summary> cache = Caffeine.newBuilder().maximumSize(CACHED_DAYS).build();

    private record Key(LocalDate day, String version) {
    }

    public SummaryService(ArticleSource source, Summarizer summarizer, SummaryStore store, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The summary of a day, or empty when it has no articles. */
    public Optional<Summary> summaryOf(LocalDate day) {
        List<Article> articles = source.articlesOn(day);
        if (articles.isEmpty()) {
            return Optional.empty();
        }
        List<Article> before = source.articlesOn(day.minusDays(1));
        String version = DayVersion.of(summarizer.algorithm(), articles, before);
        return Optional.of(cache.get(new Key(day, version), k -> load(k, articles, before)));
    }

    /** The days that have articles, oldest first. */
    public List<LocalDate> days() {
        return source.days();
    }

    /** The latest day with articles that is not after {@code day}. */
    public Optional<LocalDate> latestDayUpTo(LocalDate day) {
        List<LocalDate> days = source.days();
        for (int i = days.size() - 1; i >= 0; i--) {
            if (!days.get(i).isAfter(day)) {
                return Optional.of(days.get(i));
            }
        }
        return Optional.empty();
    }

    /** The latest day with articles. */
    public Optional<LocalDate> latestDay() {
        List<LocalDate> days = source.days();
        return days.isEmpty() ? Optional.empty() : Optional.of(days.get(days.size() - 1));
    }

    private Summary load(Key key, List<Article> articles, List<Article> before) {
        Optional<Summary> stored = store.summary(key.day(), key.version()).map(SummaryCodec::read);
        if (stored.isPresent()) {
            return stored.get();
        }
        Summary computed = summarizer.summarize(key.day(), articles, before);
        store.saveSummary(key.day(), key.version(), SummaryCodec.write(computed), clock.instant());
        return computed;
    }
}
