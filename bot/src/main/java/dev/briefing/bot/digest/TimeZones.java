package dev.briefing.bot.digest;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the time zone a user types: a region ({@code Europe/Berlin}, any case) or an offset ({@code UTC+3}). */
final class TimeZones {

    static final String EXAMPLES = "a region such as Europe/Berlin or an offset such as UTC+3 or UTC-05:30";
    private static final Pattern OFFSET = Pattern.compile("(?i)(?:UTC|GMT)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?");
    private static final Map<String, String> REGIONS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ZoneId.getAvailableZoneIds().forEach(id -> REGIONS.put(id, id));
    }

    private TimeZones() {
    }

    /**
     * The zone a user means.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static ZoneId parse(String text) {
        String t = text.strip();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("UTC") || upper.equals("GMT") || upper.equals("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher m = OFFSET.matcher(t);
        if (m.matches()) {
            int sign = m.group(1).equals("-") ? -1 : 1;
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            try {
                return ZoneId.ofOffset("UTC", ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("no such offset: '" + t + "'; offsets run from UTC-18 to UTC+18");
            }
        }
        String region = REGIONS.get(t);
        if (region != null) {
            return ZoneId.of(region);
        }
        throw new IllegalArgumentException("unknown time zone: '" + t + "'; use " + EXAMPLES);
    }
}
