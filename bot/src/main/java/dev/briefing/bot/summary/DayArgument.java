package dev.briefing.bot.summary;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The day a {@code /summary} or {@code summary} names: {@code today}, {@code yesterday}, {@code latest} (the
 * default: the latest day with articles) or {@code YYYY-MM-DD}. "today" is read in the asker's time zone.
 */
public final class DayArgument {

    /** What to tell someone who named no valid day. */
    public static final String USAGE = "today, yesterday, latest or a date such as 2022-01-07";

    private DayArgument() {
    }

    /**
     * The day named, or empty for {@code latest} when there are no articles at all.
     *
     * @throws IllegalArgumentException when the argument names no day
     */
    public static Optional<LocalDate> resolve(String argument, ZoneId zone, Clock clock, Supplier<Optional<LocalDate>> latest) {
        String a = argument == null ? "" : argument.strip().toLowerCase(Locale.ROOT);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return switch (a) {
            case "", "latest" -> latest.get();
            case "today" -> Optional.of(today);
            case "yesterday" -> Optional.of(today.minusDays(1));
            default -> {
                try {
                    yield Optional.of(LocalDate.parse(a));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("not a day: '" + argument.strip() + "'; use " + USAGE);
                }
            }
        };
    }
}
