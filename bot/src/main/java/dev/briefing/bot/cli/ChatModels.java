package dev.briefing.bot.cli;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The optional remote chat model, configured from the environment and never required:
 * {@code BRIEFING_LLM_BASE_URL} (an OpenAI-compatible endpoint, e.g. {@code http://127.0.0.1:11434/v1} for
 * Ollama), {@code BRIEFING_LLM_MODEL} (the model name) and {@code BRIEFING_LLM_API_KEY} (or
 * {@code OPENAI_API_KEY}; Ollama needs none). Without a base URL and a model the bot answers extractively.
 */
public final class ChatModels {

    private static final Logger LOG = LoggerFactory.getLogger(ChatModels.class);

    private ChatModels() {
    }

    public static Optional<ChatModel> fromEnvironment() {
        return from(System.getenv());
    }

    static Optional<ChatModel> from(Map<String, String> env) {
        String url = env.get("BRIEFING_LLM_BASE_URL");
        String model = env.get("BRIEFING_LLM_MODEL");
        if (url == null || url.isBlank() || model == null || model.isBlank()) {
            return Optional.empty();
        }
        String key = env.getOrDefault("BRIEFING_LLM_API_KEY", env.getOrDefault("OPENAI_API_KEY", "none"));
        // the key is a secret: name the model and the endpoint, never the key
        LOG.info("answers are phrased by the remote chat model {} at {}", model, url);
        return Optional.of(OpenAiChatModel.builder()
                .baseUrl(url)
                .modelName(model)
                .apiKey(key.isBlank() ? "none" : key)
                .temperature(0.0)
                .timeout(Duration.ofSeconds(30))
                .maxRetries(2)
                .build());
    }
}
