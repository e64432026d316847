package dev.briefing.bot.chat;

import dev.briefing.knowledge.Catalog;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Knowledge with two articles and answers made from the question, so chat tests can tell which
 * conversation a question was answered in: the answer names the earlier questions it follows up on.
 * A question with "long" gets an answer over 4096 characters, one with "nothing" is not answered.
 */
public class ScriptedKnowledge implements Knowledge {

    /** The quoted sentence; the title carries markup characters, to prove they are escaped. */
    public static final String QUOTE = "President Tokayev has issued an order to shoot.";
    public static final String TITLE = "Kazakhstan: <Tokayev> orders police to shoot & Russia intervenes";
    public static final String SECOND_SENTENCE = "A military alliance led by Russia is intervening.";

    private static final String TEXT = QUOTE + " " + SECOND_SENTENCE + "\n\nProtests over fuel prices turned violent.";
    private static final Article ARTICLE = article();
    private static final Article OLDER = new Article("2022-01-05/fuel", "Fuel prices rise", LocalDate.of(2022, 1, 5),
            DatePrecision.METADATA, "", "", "Fuel prices rose.", "h2",
            List.of(new Passage("2022-01-05/fuel#0", "2022-01-05/fuel", 0, 0, 17, "Fuel prices rose.",
                    List.of(new Span(0, 17)))));

    /** Every question asked, with the conversation it was asked in. */
    public final List<Asked> asked = new CopyOnWriteArrayList<>();

    /** A question and the earlier questions of its conversation. */
    public record Asked(String question, List<String> earlier) {
    }

    @Override
    public Answer ask(String question, Conversation conversation) {
        List<String> earlier = conversation.turns().stream().map(Conversation.Turn::question).toList();
        asked.add(new Asked(question, earlier));
        if (question.contains("nothing")) {
            return Answer.notFound("The articles do not say. They cover " + catalog().describe() + ".", question);
        }
        StringBuilder text = new StringBuilder("Answer to: " + question);
        if (!earlier.isEmpty()) {
            text.append(" (following up on: ").append(String.join(" / ", earlier)).append(")");
        }
        text.append(" [1]");
        if (question.contains("long")) {
            String paragraph = "This paragraph is here to make the answer long: <tags> & ampersands stay text. ".repeat(3);
            text.append(("\n\n" + paragraph.strip()).repeat(25));
        }
        Citation c = new Citation(QUOTE, ARTICLE.id(), ARTICLE.title(), ARTICLE.date(), 0, QUOTE.length(),
                ARTICLE.id() + "#0", List.of());
        return new Answer(true, text.toString(), List.of(c), question);
    }

    @Override
    public Catalog catalog() {
        return new Catalog(2, 3, OLDER.date(), ARTICLE.date(), 1);
    }

    @Override
    public List<Article> articles() {
        return List.of(ARTICLE, OLDER);
    }

    @Override
    public Optional<Passage> passage(String passageId) {
        return articles().stream().flatMap(a -> a.passages().stream()).filter(p -> p.id().equals(passageId)).findFirst();
    }

    /** The questions asked so far, joined, for assertion messages. */
    public String describeAsked() {
        return asked.stream().map(Asked::toString).collect(Collectors.joining("; "));
    }

    private static Article article() {
        int split = TEXT.indexOf("\n\n");
        Passage first = new Passage("2022-01-07/kazakhstan#0", "2022-01-07/kazakhstan", 0, 0, split,
                TEXT.substring(0, split), List.of(new Span(0, QUOTE.length())));
        Passage second = new Passage("2022-01-07/kazakhstan#1", "2022-01-07/kazakhstan", 1, split + 2, TEXT.length(),
                TEXT.substring(split + 2), List.of(new Span(split + 2, TEXT.length())));
        return new Article("2022-01-07/kazakhstan", TITLE, LocalDate.of(2022, 1, 7), DatePrecision.METADATA,
                "", "", TEXT, "h1", List.of(first, second));
    }
}
