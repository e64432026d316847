package dev.briefing.knowledge.summarize;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The briefing of one day.
 *
 * @param day the day summarized
 * @param articles how many articles that day has
 * @param points the main points, most important first: between 1 and {@value #MAX_POINTS}, and at least
 *               {@value #MIN_POINTS} whenever the day has that many distinct citable sentences
 * @param dayBefore the day the "new since" part compares against, or null when that day has no articles
 * @param newSinceDayBefore what is reported now and was not the day before, beyond the main points; empty
 *                          when {@code dayBefore} is null
 */
public record Summary(LocalDate day, int articles, List<Point> points, LocalDate dayBefore,
                      List<Point> newSinceDayBefore) {

    /** The fewest points a briefing aims for. */
    public static final int MIN_POINTS = 3;
    /** The most points a briefing holds: a digest must stay readable on a phone. */
    public static final int MAX_POINTS = 7;

    public Summary {
        Objects.requireNonNull(day, "day");
        if (articles < 1) {
            throw new IllegalArgumentException("illegal articles value: " + articles + ", a summary needs at least one article");
        }
        points = List.copyOf(points);
        if (points.isEmpty() || points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("illegal points count: " + points.size() + ", must be between 1 and " + MAX_POINTS);
        }
        newSinceDayBefore = List.copyOf(newSinceDayBefore);
        if (dayBefore == null && !newSinceDayBefore.isEmpty()) {
            throw new IllegalArgumentException("newSinceDayBefore has " + newSinceDayBefore.size()
                    + " points but dayBefore is null");
        }
        if (dayBefore != null && !dayBefore.isBefore(day)) {
            throw new IllegalArgumentException("illegal dayBefore value: " + dayBefore + ", must be before " + day);
        }
    }
}
