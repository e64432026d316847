package dev.briefing.bot.cli;

import dev.briefing.bot.Main;
import dev.briefing.bot.store.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real {@code summary} command over the checked-in sample articles. */
class SummaryCommandTest {

    static final Path ARTICLES = Path.of("..", "articles");
    /** A point as printed: its quote, then title, date and [article start-end]. */
    static final Pattern POINT = Pattern.compile("\\d+\\. \"(.*)\"\\R   .* \\((\\d{4}-\\d\\d-\\d\\d)\\) \\[(\\S+) (\\d+)-(\\d+)]");

    @TempDir
    Path data;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    int run(String... args) {
        captured.reset();
        String[] all = new String[args.length + 5];
        all[0] = "summary";
        all[1] = "--articles";
        all[2] = ARTICLES.toString();
        all[3] = "--data";
        all[4] = data.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return Main.commandLine().execute(all);
    }

    @Test
    void aDaysBriefingQuotesItsArticlesVerbatim() throws Exception {
        // when
        int exit = run("2022-01-07");

        // then
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertTrue(out.startsWith("Briefing for Friday 7 January 2022 (2 articles)"), out);
        Matcher m = POINT.matcher(out);
        int points = 0;
        while (m.find()) {
            String text = Files.readString(ARTICLES.resolve(m.group(3)));
            assertEquals(m.group(1), text.substring(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
            points++;
        }
        assertTrue(points >= 3 && points <= 7 + 3, "points: " + points + "\n" + out);
        assertTrue(out.contains("New since Thursday 6 January 2022:"), out);
        assertTrue(Files.exists(data.resolve(JdbcStore.FILE)));
    }

    @Test
    void aDayWithoutArticlesListsTheDaysThatHaveThem() {
        // when
        int exit = run("2022-01-01");

        // then
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit);
        assertTrue(out.startsWith("No articles on 2022-01-01. Days with articles: 2022-01-06"), out);
    }
}
