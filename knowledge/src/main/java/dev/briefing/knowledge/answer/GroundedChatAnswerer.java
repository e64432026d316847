package dev.briefing.knowledge.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.retrieve.Retriever;
import dev.briefing.knowledge.retrieve.ScoredPassage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a remote chat model (OpenAI-compatible, or Ollama at its /v1 endpoint) phrase the answer, while the
 * articles stay the only source: the model sees numbered passages and must return the exact sentences it
 * used; a quote that is not a verbatim span of its passage is dropped. The extractive answerer decides first
 * whether the articles answer at all, so the model never answers what they do not hold; when the model fails
 * or cites nothing verifiable, the extractive answer is returned as it is.
 */
public final class GroundedChatAnswerer implements Answerer {

    private static final Logger LOG = LoggerFactory.getLogger(GroundedChatAnswerer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Passages shown to the model besides the ones the extractive answer cites. */
    static final int EXTRA_PASSAGES = 4;

    private final Answerer extractive;
    private final Retriever retriever;
    private final LuceneIndex index;
    private final ChatModel model;
    private final PromptTemplate prompt = Prompts.load(Prompts.GROUNDED_ANSWER);

    public GroundedChatAnswerer(Answerer extractive, Retriever retriever, LuceneIndex index, ChatModel model) {
        this.extractive = extractive;
        this.retriever = retriever;
        this.index = index;
        this.model = model;
    }

    @Override
    public Answer answer(Query resolved, Conversation conversation) {
        Answer base = extractive.answer(resolved, conversation);
        String query = base.query();
        if (!base.answered()) {
            return base;
        }
        List<Passage> passages = passages(query, base);
        try {
            String reply = model.chat(prompt.apply(variables(query, conversation, passages)).text());
            Answer grounded = ground(reply, passages, query, base.explanation());
            if (grounded != null) {
                return grounded;
            }
            LOG.warn("the chat model cited nothing verifiable; answering extractively");
        } catch (RuntimeException e) {
            LOG.warn("the chat model failed ({}); answering extractively", e.getClass().getSimpleName());
        }
        return base;
    }

    private List<Passage> passages(String query, Answer base) {
        Map<String, Passage> out = new LinkedHashMap<>();
        for (Citation c : base.citations()) {
            index.passage(c.passageId()).ifPresent(p -> out.put(p.id(), p));
        }
        for (ScoredPassage sp : retriever.retrieve(query, EXTRA_PASSAGES)) {
            out.putIfAbsent(sp.passage().id(), sp.passage());
        }
        return new ArrayList<>(out.values());
    }

    static Map<String, Object> variables(String query, Conversation conversation, List<Passage> passages) {
        StringBuilder history = new StringBuilder();
        for (Conversation.Turn t : conversation.turns()) {
            history.append("Q: ").append(t.question()).append("\nA: ").append(t.answer().text()).append('\n');
        }
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            numbered.append('[').append(i + 1).append("] ").append(passages.get(i).text()).append("\n\n");
        }
        return Map.of("question", query, "passages", numbered.toString().strip(),
                "conversation", history.length() == 0 ? "(none)" : history.toString().strip());
    }

    /** The model's reply as an answer whose quotes are verified spans, or null when none verifies. */
    Answer ground(String reply, List<Passage> passages, String query, Explanation explanation) {
        JsonNode root;
        try {
            String json = reply.strip().replaceAll("^```(?:json)?\\s*|\\s*```$", "");
            root = JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
        if (root == null || !root.path("answer").isTextual() || root.path("answer").asText().isBlank()) {
            return null;
        }
        List<Citation> citations = new ArrayList<>();
        for (JsonNode q : root.path("quotes")) {
            int n = q.path("passage").asInt(0);
            String quote = q.path("quote").asText("");
            if (n < 1 || n > passages.size() || quote.isBlank()) {
                continue;
            }
            Passage p = passages.get(n - 1);
            int at = p.text().indexOf(quote.strip());
            if (at < 0) {
                LOG.debug("dropped a quote not found verbatim in passage {}", p.id());
                continue;
            }
            Article a = index.article(p.articleId()).orElseThrow();
            int start = p.start() + at;
            int end = start + quote.strip().length();
            citations.add(new Citation(a.slice(start, end), a.id(), a.title(), a.date(), start, end, p.id(), List.of()));
        }
        if (citations.isEmpty()) {
            return null;
        }
        return new Answer(true, root.get("answer").asText().strip(), citations, query, explanation);
    }
}
