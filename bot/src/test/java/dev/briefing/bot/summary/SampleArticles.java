package dev.briefing.bot.summary;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.summarize.Summarizer;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import dev.briefing.knowledge.summarize.Summary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Article records for bot tests, built as the ingest stage would, and a summarizer that counts its calls. */
public final class SampleArticles {

    /** Six stories of three statements; no two share content words. */
    public static final String[][] STORIES = {
            {"Protesters in Almaty stormed the mayor's office after fuel prices doubled overnight.",
             "Police in Almaty fired tear gas at protesters gathered outside the mayor's office.",
             "The doubled fuel prices angered drivers across the western oil region."},
            {"The central bank raised its key interest rate by half a point to curb inflation.",
             "Economists expect the higher interest rate to slow mortgage lending this spring.",
             "Inflation reached seven percent in December, the bank's governor told reporters."},
            {"A magnitude six earthquake shook the coastal province early on Friday morning.",
             "Rescue teams searched collapsed houses in three fishing villages near the epicentre.",
             "Seismologists warned that aftershocks could continue for several weeks."},
            {"The football federation dismissed its national coach after the team lost the qualifier.",
             "Supporters had demanded the coach's departure since the defeat against Norway.",
             "A caretaker manager will lead the squad in the friendly match next month."},
            {"Heavy snowfall closed the mountain highway and stranded hundreds of lorries.",
             "Snowploughs worked through the night to reopen the pass before the weekend.",
             "Meteorologists forecast another metre of snow on the northern slopes."},
            {"Parliament approved a budget that doubles spending on rural hospitals & clinics.",
             "Opposition deputies criticised the budget for neglecting teachers' salaries.",
             "The finance minister said rural hospitals would receive new ambulances."},
    };

    private SampleArticles() {
    }

    /** An article telling stories {@code ks}, one paragraph each, with sentence spans. */
    public static Article reporting(String id, LocalDate day, int... ks) {
        List<String> paragraphs = new ArrayList<>();
        for (int k : ks) {
            paragraphs.add(String.join(" ", STORIES[k]));
        }
        return article(id, day, String.join("\n\n", paragraphs));
    }

    public static Article article(String id, LocalDate day, String text) {
        List<Passage> passages = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = text.indexOf("\n\n", from);
            to = to < 0 ? text.length() : to;
            List<Span> sentences = new ArrayList<>();
            int s = from;
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == '.' && (i + 1 == to || text.charAt(i + 1) == ' ')) {
                    sentences.add(new Span(s, i + 1));
                    s = i + 1;
                }
            }
            passages.add(new Passage(Passage.idOf(id, passages.size()), id, passages.size(), from, to,
                    text.substring(from, to), sentences));
            from = to + 2;
        }
        return new Article(id, "Title of " + id, day, DatePrecision.METADATA, "wire", "", text,
                Integer.toHexString(text.hashCode()), passages);
    }

    /** The real summarizer, counting how often it runs. */
    public static class CountingSummarizer implements Summarizer {
        private final Summarizer delegate = new CentroidSummarizer();
        public final AtomicInteger calls = new AtomicInteger();

        @Override
        public Summary summarize(LocalDate day, List<Article> articles, List<Article> dayBefore) {
            calls.incrementAndGet();
            return delegate.summarize(day, articles, dayBefore);
        }

        @Override
        public String algorithm() {
            return delegate.algorithm();
        }
    }
}
