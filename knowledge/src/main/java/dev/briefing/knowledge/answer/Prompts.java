package dev.briefing.knowledge.answer;

import dev.langchain4j.model.input.PromptTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Prompt templates, loaded by name from {@code prompts/NAME.txt} on the class path (the top-level prompts folder). */
public final class Prompts {

    /** Asks a chat model to answer from numbered passages with exact quotes; variables: question, passages, conversation. */
    public static final String GROUNDED_ANSWER = "grounded-answer";

    /** Every template the code uses, for the test that checks they exist and are filled. */
    public static final List<String> ALL = List.of(GROUNDED_ANSWER);

    private Prompts() {
    }

    /** The template named {@code name}; fails with the path it looked for when there is none. */
    public static PromptTemplate load(String name) {
        String path = "prompts/" + name + ".txt";
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no prompt template " + path + " on the class path");
            }
            return PromptTemplate.from(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read prompt template " + path, e);
        }
    }
}
