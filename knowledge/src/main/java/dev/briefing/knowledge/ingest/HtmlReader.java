package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads {@code .html} files: the text of the {@code <article>} (or {@code <body>}) with scripts, navigation,
 * asides and footers removed, one block per paragraph; offsets refer to that extracted text. Title, date
 * and site come from the usual meta tags when present.
 */
final class HtmlReader implements ArticleReader {

    @Override
    public Article read(String id, String content, String hash) throws UnreadableArticleException {
        Document doc = Jsoup.parse(content);
        doc.select("script, style, noscript, nav, aside, footer, header nav, form, iframe, svg, figure figcaption, button").remove();
        Element root = doc.selectFirst("article");
        if (root == null) {
            root = doc.body();
        }
        StringBuilder text = new StringBuilder();
        Elements blocks = root.select("h1, h2, h3, h4, p, li, blockquote, pre");
        if (blocks.isEmpty()) {
            text.append(root.wholeText().strip());
        }
        for (Element e : blocks) {
            if (e.parents().stream().anyMatch(p -> blocks.contains(p))) {
                continue;
            }
            String t = e.text().strip();
            if (!t.isEmpty()) {
                text.append(t).append("\n\n");
            }
        }
        String title = meta(doc, "og:title");
        if (title.isBlank()) {
            Element h1 = doc.selectFirst("h1");
            title = h1 != null ? h1.text() : doc.title();
        }
        String date = meta(doc, "article:published_time");
        if (date.isBlank()) {
            Element time = doc.selectFirst("time[datetime]");
            date = time != null ? time.attr("datetime") : "";
        }
        String url = meta(doc, "og:url");
        String site = meta(doc, "og:site_name");
        ArticleAssembler.Hints hints = new ArticleAssembler.Hints(title,
                DateFinder.parse(date).orElse(null), site.isBlank() ? Sites.hostOf(url) : site, url);
        Article a = ArticleAssembler.assemble(id, text.toString(), hash, hints);
        if (a.passages().isEmpty()) {
            throw new UnreadableArticleException("no article text in the HTML");
        }
        return a;
    }

    private static String meta(Document doc, String property) {
        Element e = doc.selectFirst("meta[property=" + property + "], meta[name=" + property + "]");
        return e == null ? "" : e.attr("content").strip();
    }
}
