package dev.briefing.bot.digest;

import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.summary.SummaryFormatter;
import dev.briefing.bot.summary.SummaryService;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Composes the digest of a chat: the summary of the latest day with articles (up to the chat's today) when that
 * day is newer than the one its last digest covered, else one line saying there is nothing new. One composer
 * serves one tick: it looks up the latest day once per local date and formats each day once, however many chats
 * it serves; the next tick makes a new one and sees new articles.
 */
final class DigestComposer {

    private final SummaryService summaries;
    private final Map<LocalDate, Optional<LocalDate>> latest = new ConcurrentHashMap<>();
    private final Map<LocalDate, String> formatted = new ConcurrentHashMap<>();

    DigestComposer(SummaryService summaries) {
        this.summaries = summaries;
    }

    Digest compose(Subscription s, LocalDate localDate) {
        Optional<LocalDate> day = latest.computeIfAbsent(localDate, summaries::latestDayUpTo);
        LocalDate last = s.lastArticleDay();
        if (day.isEmpty() || (last != null && !day.get().isAfter(last))) {
            return new Digest(last == null ? "No new articles yet." : "No new articles since " + last + ".", null);
        }
        String html = formatted.computeIfAbsent(day.get(), d -> SummaryFormatter.html("Your briefing: " + SummaryFormatter.day(d),
                summaries.summaryOf(d).orElseThrow(() -> new IllegalStateException("the articles of " + d + " vanished"))));
        return new Digest(html, day.get());
    }
}
