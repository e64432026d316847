package dev.briefing.bot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.knowledge.answer.Citation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A citation's fields in a stored JSON document (a conversation's turns, a Sources button, a day's summary), written
 * field by field so the stored format is spelled out here and survives a renamed record accessor.
 */
public final class CitationJson {

    private CitationJson() {
    }

    /** Writes {@code c}'s fields into {@code j}, beside whatever else {@code j} holds. */
    public static void write(ObjectNode j, Citation c) {
        j.put("quote", c.quote());
        j.put("articleId", c.articleId());
        j.put("title", c.title());
        j.put("date", text(c.date()));
        j.put("start", c.start());
        j.put("end", c.end());
        j.put("passageId", c.passageId());
        ArrayNode also = j.putArray("alsoReportedBy");
        for (Citation.Source src : c.alsoReportedBy()) {
            also.addObject().put("articleId", src.articleId()).put("title", src.title()).put("date", text(src.date()));
        }
    }

    /** Reads the citation {@link #write} wrote into {@code j}. */
    public static Citation read(JsonNode j) {
        List<Citation.Source> also = new ArrayList<>();
        for (JsonNode a : j.get("alsoReportedBy")) {
            also.add(new Citation.Source(a.get("articleId").asText(), a.get("title").asText(), date(a.get("date"))));
        }
        return new Citation(j.get("quote").asText(), j.get("articleId").asText(), j.get("title").asText(),
                date(j.get("date")), j.get("start").asInt(), j.get("end").asInt(), j.get("passageId").asText(), also);
    }

    static void writeAll(ArrayNode array, List<Citation> citations) {
        citations.forEach(c -> write(array.addObject(), c));
    }

    static List<Citation> readAll(JsonNode array) {
        List<Citation> out = new ArrayList<>();
        array.forEach(j -> out.add(read(j)));
        return out;
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static LocalDate date(JsonNode n) {
        return n == null || n.isNull() ? null : LocalDate.parse(n.asText());
    }
}
