package dev.briefing.knowledge.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds publication dates written the ways news pages write them: {@code 2022-01-07},
 * {@code 2022-01-07T20:38:18.331Z}, {@code Mon 10th Jan, 2022}, {@code Thursday, January 6th, 2022},
 * {@code 6 January 2022}. Dates without a year ("January 7th") are not dates here: guessing the year would
 * misfile an article under the wrong day.
 */
final class DateFinder {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    private static final String MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})(T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b" + DAY + "(?:\\s+of)?\\s+" + MONTH + ",?\\s+(\\d{4})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("\\b" + MONTH + "\\s+" + DAY + ",?\\s+(\\d{4})\\b", Pattern.CASE_INSENSITIVE);

    /**
     * A date in a file's path, as people and scrapers name files by the day: {@code rtqa_20220624_0.txt},
     * {@code 2022-06-24-storm.md}, {@code 2022/06/24/storm.html}. Year (1900 to 2099), month and day in that
     * order, with one separator between them or none, not inside a longer run of digits.
     */
    private static final Pattern IN_PATH = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})([-_./]?)(\\d{2})\\2(\\d{2})(?!\\d)");

    private DateFinder() {
    }

    /**
     * The first date written in a file's relative path ({@link #IN_PATH}) that is a real date, for an article whose
     * text has none: whoever named the file by the day said when the article is from.
     */
    static Optional<LocalDate> inPath(String path) {
        Matcher m = IN_PATH.matcher(path);
        while (m.find()) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))));
            } catch (DateTimeException e) {
                // "20221399": digits that only look like a date; try the next
            }
        }
        return Optional.empty();
    }

    /** The first date written in {@code text}, in any of the supported forms; the earliest position wins. */
    static Optional<Found> find(String text) {
        Found best = first(ISO, text, DateFinder::iso);
        best = earlier(best, first(DAY_MONTH_YEAR, text, m -> of(m.group(3), m.group(2), m.group(1))));
        best = earlier(best, first(MONTH_DAY_YEAR, text, m -> of(m.group(3), m.group(1), m.group(2))));
        return Optional.ofNullable(best);
    }

    /** The first match of {@code pattern} that reads as a real date, or null. */
    private static Found first(Pattern pattern, String text, Function<Matcher, Optional<LocalDate>> read) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            Optional<LocalDate> d = read.apply(m);
            if (d.isPresent()) {
                return new Found(d.get(), m.start(), m.end());
            }
        }
        return null;
    }

    /** Parses a metadata value (ISO date or timestamp, or any supported written form). */
    static Optional<LocalDate> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            return Optional.of(OffsetDateTime.parse(v).toLocalDate());
        } catch (DateTimeParseException e) {
            return find(v).map(Found::date);
        }
    }

    private static Found earlier(Found a, Found b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return b.start() < a.start() ? b : a;
    }

    private static Optional<LocalDate> iso(Matcher m) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> of(String year, String month, String day) {
        Integer mo = MONTHS.get(month.substring(0, 3).toLowerCase(Locale.ROOT));
        if (mo == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), mo, Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A date and where it was written. */
    record Found(LocalDate date, int start, int end) {
    }
}
