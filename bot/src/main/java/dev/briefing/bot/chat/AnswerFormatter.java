package dev.briefing.bot.chat;

import dev.briefing.bot.message.Html;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.article.Passage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Writes answers and their sources as Telegram HTML, escaping every piece of article and user text. */
final class AnswerFormatter {

    private AnswerFormatter() {
    }

    /** The answer, then its numbered citations: the quote, the article's title and date. */
    static String answer(Answer answer) {
        StringBuilder out = new StringBuilder(Html.escape(answer.text().strip()));
        int n = 1;
        for (Citation c : answer.citations()) {
            out.append("\n\n<b>[").append(n++).append("]</b> “").append(Html.escape(c.quote().strip()))
                    .append("”\n— ").append(Html.italic(c.title())).append(", ").append(Html.escape(c.dateLabel()));
        }
        return out.toString();
    }

    /**
     * The whole paragraphs the citations quote, the quote itself in bold, once per paragraph; numbered as
     * in the answer.
     */
    static String sources(List<Citation> citations, Function<String, Optional<Passage>> passages) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder("<b>Sources</b>");
        int n = 0;
        for (Citation c : citations) {
            n++;
            String key = c.passageId() == null ? c.articleId() + "@" + c.start() : c.passageId();
            if (seen.putIfAbsent(key, n) != null) {
                continue;
            }
            out.append("\n\n<b>[").append(n).append("]</b> ").append(Html.italic(c.title())).append(", ")
                    .append(Html.escape(c.dateLabel())).append("\n");
            Optional<Passage> passage = c.passageId() == null ? Optional.empty() : passages.apply(c.passageId());
            out.append(passage.map(p -> highlighted(p, c)).orElseGet(() -> Html.escape(c.quote())));
        }
        return out.toString();
    }

    private static String highlighted(Passage p, Citation c) {
        int from = c.start() - p.start();
        int to = c.end() - p.start();
        if (from < 0 || to > p.text().length() || from >= to) {
            return Html.escape(p.text());
        }
        return Html.escape(p.text().substring(0, from)) + Html.bold(p.text().substring(from, to))
                + Html.escape(p.text().substring(to));
    }
}
