package dev.briefing.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden end-to-end test: runs the real jar's {@code chat --json} over the checked-in {@code articles/} and
 * checks the protocol (one JSON object per line, nothing else on stdout), which sentence each question cites
 * (or that it abstains), and that every citation is a verbatim span of its file at its offsets.
 */
class ChatGoldenIT {

    private static final Path JAR = Path.of("target", "briefing-bot.jar");
    private static final Path ARTICLES = Path.of("..", "articles");

    /**
     * Each line of {@code golden-expected.txt}: a question and what the shipped model does with it (the article
     * and offset of the first citation, or "abstains"), or {@code /new}. A refit that changes an outcome shows here.
     */
    @Test
    void eachQuestionCitesItsPinnedSentenceVerbatim(@TempDir Path data) throws Exception {
        // given
        List<String[]> golden = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src", "test", "resources", "golden-expected.txt"))) {
            golden.add(line.split(" \\| "));
        }
        List<String> input = golden.stream().map(g -> g[0]).toList();
        // when
        List<JsonNode> out = runChat(input, data);
        // then
        assertEquals(input.size(), out.size(), "one JSON object per input line");
        for (int i = 0; i < out.size(); i++) {
            JsonNode o = out.get(i);
            String[] expected = golden.get(i);
            if (expected[0].equals("/new")) {
                continue;
            }
            assertTrue(o.has("answered") && o.has("answer") && o.has("citations") && o.has("explain"), o.toString());
            if (expected[1].equals("abstains")) {
                assertFalse(o.get("answered").asBoolean(), expected[0] + ": " + o);
                assertEquals(0, o.get("citations").size(), "an abstention cites nothing: " + o);
                continue;
            }
            assertTrue(o.get("answered").asBoolean(), expected[0] + ": " + o);
            JsonNode first = o.get("citations").get(0);
            assertEquals(expected[1], first.get("article").asText(), expected[0]);
            assertEquals(Integer.parseInt(expected[2]), first.get("start").asInt(), expected[0] + ": " + first);
            assertTrue(o.get("citations").size() <= 3, o.toString());
            for (JsonNode c : o.get("citations")) {
                String file = Files.readString(ARTICLES.resolve(c.get("article").asText()), StandardCharsets.UTF_8);
                String quote = c.get("quote").asText();
                assertEquals(quote, file.substring(c.get("start").asInt(), c.get("end").asInt()), "quote at its offsets");
                assertFalse(c.get("title").asText().isBlank());
            }
        }
        int last = out.size() - 1;
        assertTrue(out.get(last).get("answer").asText().contains("81"), out.get(last).toString());
    }

    @Test
    void theSecondStartReusesTheIndex(@TempDir Path data) throws Exception {
        // given a first run that built the index
        runChat(List.of("What is the CSTO?"), data);
        // when
        List<JsonNode> again = runChat(List.of("What is the CSTO?"), data);
        // then
        assertTrue(again.get(0).get("answered").asBoolean());
        assertTrue(Files.isDirectory(data.resolve("index")));
    }

    private static List<JsonNode> runChat(List<String> input, Path data) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "chat", "--json",
                "--articles", ARTICLES.toString(), "--data", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().write((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chat did not finish");
        assertEquals(0, p.exitValue());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }
}
