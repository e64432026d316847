package dev.briefing.bot.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.answer.Conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversations and Sources payloads as JSON documents for the store. Written field by field rather than by
 * reflection, so the stored format is spelled out here and survives a renamed record accessor. A turn keeps what a
 * follow-up reads (the question, the question as resolved, the reply and its citations), not the answer's
 * explanation.
 */
final class ChatCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCodec() {
    }

    static String writeConversation(Conversation conversation) {
        ArrayNode turns = JSON.createArrayNode();
        for (Conversation.Turn t : conversation.turns()) {
            ObjectNode o = turns.addObject();
            o.put("question", t.question());
            o.put("answered", t.answer().answered());
            o.put("text", t.answer().text());
            o.put("query", t.answer().query());
            CitationJson.writeAll(o.putArray("citations"), t.answer().citations());
        }
        return turns.toString();
    }

    static Conversation readConversation(String json) {
        try {
            List<Conversation.Turn> turns = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                turns.add(new Conversation.Turn(o.get("question").asText(), new Answer(o.get("answered").asBoolean(),
                        o.get("text").asText(), CitationJson.readAll(o.get("citations")), o.get("query").asText())));
            }
            return new Conversation(turns);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("cannot read a stored conversation: " + e.getMessage(), e);
        }
    }

    static String writeCitations(List<Citation> citations) {
        ArrayNode array = JSON.createArrayNode();
        CitationJson.writeAll(array, citations);
        return array.toString();
    }

    static List<Citation> readCitations(String json) {
        try {
            return CitationJson.readAll(JSON.readTree(json));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("cannot read stored sources: " + e.getMessage(), e);
        }
    }
}
