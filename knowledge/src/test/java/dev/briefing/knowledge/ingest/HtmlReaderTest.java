package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReaderTest {

    private static final String PAGE = """
            <html><head><title>Site | Dam opens</title>
            <meta property="og:title" content="New dam opens in the valley">
            <meta property="article:published_time" content="2024-03-02T08:00:00+01:00">
            <meta property="og:url" content="https://www.example.org/news/dam">
            <script>var tracking = "You may like";</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>New dam opens in the valley</h1>
            <p>The new dam opened on <b>Saturday</b> after five years of work.</p>
            <p>It holds 40 million cubic metres &amp; feeds two towns.</p>
            <aside>Read more: other dams</aside></article>
            <footer>© Example News 2024</footer></body></html>
            """;

    @Test
    void extractsTheArticleTextAndItsMetadata() throws UnreadableArticleException {
        // when
        Article a = new HtmlReader().read("dam.html", PAGE, "h");
        // then
        assertEquals("New dam opens in the valley", a.title());
        assertEquals(LocalDate.of(2024, 3, 2), a.date());
        assertEquals("example.org", a.source());
        assertEquals(2, a.passages().size());
        Passage second = a.passages().get(1);
        assertEquals("It holds 40 million cubic metres & feeds two towns.", second.text());
        assertEquals(second.text(), a.text().substring(second.start(), second.end()));
        assertFalse(a.text().contains("Home"));
        assertFalse(a.text().contains("Read more"));
        assertFalse(a.text().contains("tracking"));
        assertTrue(a.text().contains("Saturday after five years"));
    }

    @Test
    void aPageWithoutTextIsUnreadable() {
        var e = assertThrows(UnreadableArticleException.class,
                () -> new HtmlReader().read("empty.html", "<html><body><nav>Home</nav></body></html>", "h"));
        assertTrue(e.getMessage().contains("no article text"), e.getMessage());
    }
}
