package dev.briefing.knowledge.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Stores a whole article (text, metadata, passage and sentence offsets) as JSON in one stored field. */
final class ArticleCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArticleCodec() {
    }

    static String encode(Article a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("title", a.title());
        o.put("date", a.date() == null ? null : a.date().toString());
        o.put("precision", a.datePrecision().name());
        o.put("source", a.source());
        o.put("url", a.url());
        o.put("text", a.text());
        o.put("hash", a.hash());
        ArrayNode ps = o.putArray("passages");
        for (Passage p : a.passages()) {
            ArrayNode spans = ps.addArray();
            for (Span s : p.sentences()) {
                spans.add(s.start()).add(s.end());
            }
        }
        return o.toString();
    }

    static Article decode(String json) throws IOException {
        JsonNode o = JSON.readTree(json);
        String id = o.get("id").asText();
        String text = o.get("text").asText();
        List<Passage> passages = new ArrayList<>();
        for (JsonNode spans : o.get("passages")) {
            List<Span> sentences = new ArrayList<>();
            for (int i = 0; i + 1 < spans.size(); i += 2) {
                sentences.add(new Span(spans.get(i).asInt(), spans.get(i + 1).asInt()));
            }
            int start = sentences.get(0).start();
            int end = sentences.get(sentences.size() - 1).end();
            int index = passages.size();
            passages.add(new Passage(Passage.idOf(id, index), id, index, start, end, text.substring(start, end), sentences));
        }
        JsonNode date = o.get("date");
        return new Article(id, o.get("title").asText(),
                date == null || date.isNull() ? null : LocalDate.parse(date.asText()),
                DatePrecision.valueOf(o.get("precision").asText()),
                o.get("source").asText(), o.get("url").asText(), text, o.get("hash").asText(), passages);
    }
}
