package dev.briefing.bot.summary;

import dev.briefing.bot.message.Html;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.summarize.Point;
import dev.briefing.knowledge.summarize.Summary;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Shows a summary: as Telegram HTML (every article character escaped, within one message) or as plain text
 * for the command line.
 */
public final class SummaryFormatter {

    /** Other copies named beside a point before "and N more": a wire story can run in dozens of papers. */
    static final int ALSO_SHOWN = 3;

    /** Telegram's limit on one message's text. */
    public static final int TELEGRAM_LIMIT = 4096;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private SummaryFormatter() {
    }

    /** "Friday 7 January 2022". */
    public static String day(LocalDate day) {
        return DAY.format(day);
    }

    /**
     * Telegram HTML within {@link #TELEGRAM_LIMIT}: when too long, the "new since" part and then the last points
     * are left out, down to one point; a point is never cut, since its quote must stay verbatim.
     */
    public static String html(String heading, Summary s) {
        for (int fresh = s.newSinceDayBefore().size(); fresh >= 0; fresh--) {
            for (int points = s.points().size(); points >= 1; points--) {
                if (fresh > 0 && points < s.points().size()) {
                    break;
                }
                String text = html(heading, s, points, fresh);
                if (text.length() <= TELEGRAM_LIMIT) {
                    return text;
                }
            }
        }
        throw new IllegalStateException("the summary of " + s.day() + " does not fit one message even with one point");
    }

    private static String html(String heading, Summary s, int points, int fresh) {
        StringBuilder b = new StringBuilder();
        b.append("<b>").append(Html.escape(heading)).append("</b>\n");
        b.append("<i>").append(s.articles()).append(s.articles() == 1 ? " article" : " articles").append("</i>\n\n");
        appendHtml(b, s.points().subList(0, points));
        if (fresh > 0) {
            b.append("\n<b>New since ").append(Html.escape(day(s.dayBefore()))).append(":</b>\n");
            appendHtml(b, s.newSinceDayBefore().subList(0, fresh));
        }
        return b.toString().strip();
    }

    private static void appendHtml(StringBuilder b, List<Point> points) {
        int n = 1;
        for (Point p : points) {
            Citation c = p.citation();
            b.append(n++).append(". ").append(Html.escape(c.quote())).append("\n   — <i>").append(Html.escape(c.title()))
                    .append("</i>, ").append(c.dateLabel());
            if (!c.alsoReportedBy().isEmpty()) {
                b.append(" (also: ").append(Html.escape(c.alsoReportedByLabel(ALSO_SHOWN))).append(")");
            }
            b.append("\n");
        }
    }

    /** Plain text for the command line, with each point's offsets and score parts. */
    public static String plain(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append("Briefing for ").append(day(s.day())).append(" (").append(s.articles())
                .append(s.articles() == 1 ? " article" : " articles").append(")\n\n");
        appendPlain(b, s.points());
        if (!s.newSinceDayBefore().isEmpty()) {
            b.append("\nNew since ").append(day(s.dayBefore())).append(":\n");
            appendPlain(b, s.newSinceDayBefore());
        }
        return b.toString();
    }

    private static void appendPlain(StringBuilder b, List<Point> points) {
        int n = 1;
        for (Point p : points) {
            Citation c = p.citation();
            b.append(String.format(Locale.ROOT, "%d. \"%s\"%n   %s (%s) [%s %d-%d]%n   score %s%n", n++, c.quote(), c.title(),
                    c.dateLabel(), c.articleId(), c.start(), c.end(), p.score().explain()));
            if (!c.alsoReportedBy().isEmpty()) {
                b.append("   also reported by: ").append(c.alsoReportedByLabel(ALSO_SHOWN)).append("\n");
            }
        }
    }
}
