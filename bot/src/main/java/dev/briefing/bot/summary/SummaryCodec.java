package dev.briefing.bot.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.bot.chat.CitationJson;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.summarize.Point;
import dev.briefing.knowledge.summarize.Score;
import dev.briefing.knowledge.summarize.Summary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A summary as a JSON document for the database. Written field by field rather than by reflection, so the
 * stored format is spelled out here and survives a renamed record accessor.
 */
final class SummaryCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryCodec() {
    }

    static String write(Summary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("day", s.day().toString());
        o.put("articles", s.articles());
        o.put("dayBefore", text(s.dayBefore()));
        writePoints(o.putArray("points"), s.points());
        writePoints(o.putArray("newSinceDayBefore"), s.newSinceDayBefore());
        return o.toString();
    }

    static Summary read(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            return new Summary(LocalDate.parse(o.get("day").asText()), o.get("articles").asInt(), readPoints(o.get("points")),
                    date(o.get("dayBefore")), readPoints(o.get("newSinceDayBefore")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("cannot read a stored summary: " + e.getMessage(), e);
        }
    }

    private static void writePoints(ArrayNode array, List<Point> points) {
        for (Point p : points) {
            ObjectNode j = array.addObject();
            CitationJson.write(j, p.citation());
            Score sc = p.score();
            j.putObject("score").put("centrality", sc.centrality()).put("coverage", sc.coverage())
                    .put("position", sc.position()).put("novelty", sc.novelty()).put("total", sc.total());
        }
    }

    private static List<Point> readPoints(JsonNode array) {
        List<Point> out = new ArrayList<>();
        for (JsonNode j : array) {
            Citation c = CitationJson.read(j);
            JsonNode s = j.get("score");
            out.add(new Point(c, new Score(s.get("centrality").asDouble(), s.get("coverage").asDouble(),
                    s.get("position").asDouble(), s.get("novelty").asDouble(), s.get("total").asDouble())));
        }
        return out;
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static LocalDate date(JsonNode n) {
        return n == null || n.isNull() ? null : LocalDate.parse(n.asText());
    }
}
