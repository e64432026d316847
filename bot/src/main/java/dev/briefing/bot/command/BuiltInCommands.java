package dev.briefing.bot.command;

import dev.briefing.bot.message.Html;
import dev.briefing.knowledge.Catalog;
import dev.briefing.knowledge.article.Article;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** The commands every chat has: /start, /help, /ask, /sources, /new. */
public final class BuiltInCommands {

    private final CommandRegistry registry;
    private final Supplier<Catalog> catalog;
    private final Supplier<List<Article>> articles;

    /**
     * @param catalog what the knowledge base holds, asked at each call (the folder may have changed)
     * @param articles every article, newest first
     */
    public BuiltInCommands(CommandRegistry registry, Supplier<Catalog> catalog, Supplier<List<Article>> articles) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.articles = Objects.requireNonNull(articles, "articles");
    }

    /** Registers the built-in commands, in menu order. */
    public CommandRegistry registerAll() {
        return registry
                .register("start", "What this bot does and what it knows", "/start", this::start)
                .register("help", "The commands and how to use them", "/help", this::help)
                .register("ask", "Ask a question about the articles", "/ask <question>", BuiltInCommands::ask)
                .register("sources", "The articles I know, newest first", "/sources", this::sources)
                .register("new", "Forget this conversation and start afresh", "/new", BuiltInCommands::startAfresh);
    }

    private void start(CommandCall call) {
        call.chat().reply("I answer questions about the news I have read, quoting the articles word for word.\n\n"
                + "I know " + Html.escape(catalog.get().describe() + catalog.get().vectorProgress()) + ".\n\n"
                + "In a private chat, just write your question; follow-up questions work too. In a group, use "
                + "/ask, mention me, or reply to one of my answers. /help lists all commands.");
    }

    private void help(CommandCall call) {
        StringBuilder out = new StringBuilder("<b>Commands</b>\n");
        for (Command c : registry.commands()) {
            out.append('\n').append(Html.escape(c.usage())).append(" — ").append(Html.escape(c.description()));
        }
        out.append("\n\nIn a private chat any text is a question. Under each answer, <b>Sources</b> shows the "
                + "paragraphs the quotes come from.");
        call.chat().reply(out.toString());
    }

    private static void ask(CommandCall call) {
        if (call.arguments().isEmpty()) {
            call.replyUsage();
            return;
        }
        call.chat().ask(call.arguments());
    }

    private void sources(CommandCall call) {
        if (!call.arguments().isEmpty()) {
            call.replyUsage();
            return;
        }
        List<Article> all = articles.get();
        if (all.isEmpty()) {
            call.chat().reply("I have no articles yet.");
            return;
        }
        StringBuilder out = new StringBuilder("<b>" + all.size() + (all.size() == 1 ? " article" : " articles")
                + "</b>, newest first:\n");
        int n = 1;
        for (Article a : all) {
            out.append('\n').append(n++).append(". ").append(Html.escape(a.dateLabel())).append(" — ")
                    .append(Html.escape(a.title()));
        }
        call.chat().reply(out.toString());
    }

    private static void startAfresh(CommandCall call) {
        call.chat().forgetConversation();
    }
}
