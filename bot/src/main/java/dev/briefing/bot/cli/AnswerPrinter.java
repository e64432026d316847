package dev.briefing.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.answer.Explanation;

import java.io.PrintStream;

/** Writes answers for people (numbered citations under the text) or as one JSON object per line. */
final class AnswerPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Other copies named under a quote before "and N more". */
    static final int ALSO_SHOWN = 3;

    private AnswerPrinter() {
    }

    /** The scripting protocol's object: answered, answer, citations[quote, article, title, date, start, end]. */
    static ObjectNode toJson(Answer answer) {
        ObjectNode o = JSON.createObjectNode();
        o.put("answered", answer.answered());
        o.put("answer", answer.text());
        ArrayNode cits = o.putArray("citations");
        for (Citation c : answer.citations()) {
            ObjectNode j = cits.addObject();
            j.put("quote", c.quote());
            j.put("article", c.articleId());
            j.put("title", c.title());
            j.put("date", c.date() == null ? null : c.date().toString());
            j.put("start", c.start());
            j.put("end", c.end());
            if (!c.alsoReportedBy().isEmpty()) {
                ArrayNode also = j.putArray("also_reported_by");
                c.alsoReportedBy().forEach(s -> also.add(s.articleId()));
            }
        }
        o.put("query", answer.query());
        o.set("explain", explain(answer.explanation()));
        return o;
    }

    /**
     * Why the answer was given or refused: the probability against the cut-off, the decision's inputs and the best
     * sentence's features, each with its contribution, largest first.
     */
    static ObjectNode explain(Explanation e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("sentence", e.sentence());
        o.put("probability", round(e.probability()));
        o.put("cutoff", e.cutoff());
        o.set("decision", score(e.decision(), "input"));
        o.set("score", score(e.score(), "feature"));
        return o;
    }

    private static ObjectNode score(Explanation.Score s, String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("logit", Double.isFinite(s.logit()) ? round(s.logit()) : null);
        o.put("bias", round(s.base()));
        ArrayNode parts = o.putArray("parts");
        for (Explanation.Part p : s.parts()) {
            ObjectNode j = parts.addObject();
            j.put(name, p.feature());
            j.put("value", round(p.value()));
            j.put("contribution", round(p.contribution()));
        }
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * The explanation for people: the probability against the cut-off, then the decision's and the best sentence's
     * parts that weighed most.
     */
    static void printExplanation(PrintStream out, Explanation e, int parts) {
        out.printf("%nwhy: probability %.3f against cut-off %.2f%n", e.probability(), e.cutoff());
        if (e.sentence().isEmpty()) {
            out.println("  no sentence to answer from");
            out.flush();
            return;
        }
        printScore(out, "whether to answer", e.decision(), parts);
        out.printf("  best sentence: \"%s\"%n", e.sentence());
        printScore(out, "its score", e.score(), parts);
        out.flush();
    }

    private static void printScore(PrintStream out, String what, Explanation.Score s, int parts) {
        out.printf("  %s: log-odds %.3f = bias %.3f + parts%n", what, s.logit(), s.base());
        s.parts().stream().limit(parts).forEach(p ->
                out.printf("    %+.3f  %-20s = %.3f%n", p.contribution(), p.feature(), p.value()));
    }

    static void printJson(PrintStream out, Object node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        out.flush();
    }

    static void printHuman(PrintStream out, Answer answer) {
        out.println(answer.text());
        int n = 1;
        for (Citation c : answer.citations()) {
            out.printf("  [%d] \"%s\"%n      %s (%s)%n", n++, c.quote(), c.title(), c.dateLabel());
            if (!c.alsoReportedBy().isEmpty()) {
                out.printf("      also reported by: %s%n", c.alsoReportedByLabel(ALSO_SHOWN));
            }
        }
        out.flush();
    }
}
