package dev.briefing.bot.chat;

import dev.briefing.knowledge.Catalog;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of the knowledge base a chat uses: answers, what it holds, and whole passages for the
 * Sources button. An interface, because {@link KnowledgeBase} is final and chat logic is tested with
 * scripted answers.
 */
public interface Knowledge extends Responder {

    /** Counts and date range of the articles. */
    Catalog catalog();

    /** Every article, newest first. */
    List<Article> articles();

    /** A passage by id, if it is still indexed. */
    Optional<Passage> passage(String passageId);

    /** The knowledge base itself. */
    static Knowledge of(KnowledgeBase kb) {
        Objects.requireNonNull(kb, "kb");
        return new Knowledge() {
            @Override
            public Answer ask(String question, Conversation conversation) {
                return kb.ask(question, conversation);
            }

            @Override
            public Catalog catalog() {
                return kb.catalog();
            }

            @Override
            public List<Article> articles() {
                return kb.articles();
            }

            @Override
            public Optional<Passage> passage(String passageId) {
                return kb.passage(passageId);
            }
        };
    }
}
