package dev.briefing.knowledge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.knowledge.article.Article;

/**
 * Reads {@code .json} files of the form {@code {"title", "date", "url", "text"}}; offsets refer to the
 * {@code text} field. A missing date falls back to dates found in the text.
 */
final class JsonReader implements ArticleReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Article read(String id, String content, String hash) throws UnreadableArticleException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new UnreadableArticleException("malformed JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableArticleException("JSON is not an object with title, date, url and text");
        }
        JsonNode text = root.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new UnreadableArticleException("JSON has no \"text\" string");
        }
        String url = str(root, "url");
        ArticleAssembler.Hints hints = new ArticleAssembler.Hints(
                str(root, "title"),
                DateFinder.parse(str(root, "date")).orElse(null),
                firstNonBlank(str(root, "source"), Sites.hostOf(url)),
                url);
        Article a = ArticleAssembler.assemble(id, text.asText(), hash, hints);
        if (a.passages().isEmpty()) {
            throw new UnreadableArticleException("no article text in \"text\"");
        }
        return a;
    }

    private static String str(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
