package dev.briefing.bot.summary;

import dev.briefing.bot.message.Html;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.SubscriptionStore;
import dev.briefing.knowledge.summarize.Summary;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /summary [today|yesterday|latest|YYYY-MM-DD]}: the briefing of a day, as Telegram HTML. "today" is
 * read in the chat's digest time zone, or UTC when the chat has no subscription.
 */
public final class SummaryHandler {

    public static final String NAME = "summary";
    public static final String DESCRIPTION = "Briefing of a day: today, yesterday, latest or YYYY-MM-DD";
    /** How many days with articles a "no articles that day" reply lists: the most recent ones. */
    static final int DAYS_LISTED = 10;

    private final SummaryService summaries;
    private final SubscriptionStore subscriptions;
    private final Clock clock;

    public SummaryHandler(SummaryService summaries, SubscriptionStore subscriptions, Clock clock) {
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The reply, Telegram HTML; anyone in a chat may ask. */
    public String reply(long chatId, long userId, String args) {
        ZoneId zone = subscriptions.subscription(chatId).map(Subscription::zone).orElse(ZoneOffset.UTC);
        Optional<LocalDate> day;
        try {
            day = DayArgument.resolve(args, zone, clock, summaries::latestDay);
        } catch (IllegalArgumentException e) {
            return Html.escape("Which day? Use " + DayArgument.USAGE + ".");
        }
        if (day.isEmpty()) {
            return "No articles yet.";
        }
        Optional<Summary> summary = summaries.summaryOf(day.get());
        if (summary.isEmpty()) {
            return noArticles(day.get(), summaries.days());
        }
        return SummaryFormatter.html("Briefing for " + SummaryFormatter.day(day.get()), summary.get());
    }

    /** "No articles on 2022-01-08. Days with articles: 2022-01-06, 2022-01-07." */
    public static String noArticles(LocalDate day, List<LocalDate> days) {
        if (days.isEmpty()) {
            return "No articles on " + day + ", nor on any other day yet.";
        }
        List<LocalDate> recent = days.subList(Math.max(0, days.size() - DAYS_LISTED), days.size());
        String more = days.size() > DAYS_LISTED ? " (the latest " + DAYS_LISTED + " of " + days.size() + ")" : "";
        return "No articles on " + day + ". Days with articles" + more + ": "
                + String.join(", ", recent.stream().map(LocalDate::toString).toList()) + ".";
    }
}
