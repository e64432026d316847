package dev.briefing.bot.digest;

import dev.briefing.bot.message.Html;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.SubscriptionStore;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /subscribe [HH:MM] [time zone]}: orders the daily digest, or changes its time or zone. The time defaults
 * to the current one or {@link Subscription#DEFAULT_SEND_AT}, the zone to the current one or UTC. In groups only
 * admins may use it.
 */
public final class SubscribeHandler {

    public static final String NAME = "subscribe";
    public static final String DESCRIPTION = "Daily briefing at HH:MM [time zone], e.g. /subscribe 07:30 Europe/Berlin";
    static final String ADMINS_ONLY = "Only this group's admins can change its daily briefing.";
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

    private final SubscriptionStore subscriptions;
    private final ChatAdmins admins;
    private final Clock clock;

    public SubscribeHandler(SubscriptionStore subscriptions, ChatAdmins admins, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.admins = Objects.requireNonNull(admins, "admins");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The reply, Telegram HTML. */
    public String reply(long chatId, long userId, String args) {
        if (!admins.mayConfigure(chatId, userId)) {
            return ADMINS_ONLY;
        }
        LocalTime time = null;
        ZoneId zone = null;
        for (String token : (args == null ? "" : args).strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = TIME.matcher(token);
            try {
                if (m.matches() && time == null) {
                    time = time(m, token);
                } else if (!m.matches() && zone == null) {
                    zone = TimeZones.parse(token);
                } else {
                    return usage("One time and one time zone at most, not '" + token + "'.");
                }
            } catch (IllegalArgumentException e) {
                return usage(capitalize(e.getMessage()) + ".");
            }
        }
        Optional<Subscription> old = subscriptions.subscription(chatId);
        LocalTime at = time != null ? time : old.map(Subscription::sendAt).orElse(Subscription.DEFAULT_SEND_AT);
        ZoneId in = zone != null ? zone : old.map(Subscription::zone).orElse(ZoneOffset.UTC);
        Subscription s = new Subscription(chatId, at, in, clock.instant(),
                old.map(Subscription::lastArticleDay).orElse(null), old.map(Subscription::lastDigestDate).orElse(null));
        subscriptions.subscribe(s);
        return (old.isPresent() ? "Changed: " : "Subscribed: ") + describe(s) + " Next: "
                + WHEN.format(Schedule.next(s, clock.instant()).atZone(in)) + ".";
    }

    /** "a briefing every day at 08:00 (Europe/Berlin)." */
    static String describe(Subscription s) {
        return "a briefing every day at " + s.sendAt() + " (" + Html.escape(label(s.zone())) + ").";
    }

    /** The zone as people write it: "UTC" rather than Java's "Z". */
    static String label(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static LocalTime time(Matcher m, String token) {
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h > 23 || min > 59) {
            throw new IllegalArgumentException("not a time of day: '" + token + "'; use HH:MM from 00:00 to 23:59");
        }
        return LocalTime.of(h, min);
    }

    private static String usage(String problem) {
        return Html.escape(problem + " Use /subscribe [HH:MM] [time zone], e.g. /subscribe 07:30 Europe/Berlin"
                + " or /subscribe 08:00 UTC+3.");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
