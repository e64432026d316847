package dev.briefing.bot.cli;

import dev.briefing.bot.chat.ChatService;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A conversation on the terminal, or, with {@code --json}, the line protocol scripts and the scorer use:
 * one line in, exactly one JSON object out; {@code /new} starts a new conversation.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Ask questions about the articles; follow-ups refer to earlier turns. /new starts over, /quit ends.")
public final class ChatCommand implements Callable<Integer> {

    private static final String SESSION = "cli";

    @Mixin
    KnowledgeOptions options;

    @Option(names = "--json", description = "One JSON object per input line on stdout, nothing else.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (KnowledgeBase kb = options.openToAnswer()) {
            kb.warmUpAnswers(); // in the background, while the first question is typed
            ChatService chat = new ChatService(kb, Clock.systemUTC());
            if (!json) {
                out.println("Briefing bot over " + kb.catalog().describe() + ". Ask a question; /new starts over, /quit ends.");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            prompt(out);
            for (String line = in.readLine(); line != null; prompt(out), line = in.readLine()) {
                String q = line.strip();
                if (q.equals("/quit") || q.equals("/exit")) {
                    break;
                }
                if (q.equals("/new")) {
                    chat.reset(SESSION);
                    if (json) {
                        AnswerPrinter.printJson(out, Map.of("new_conversation", true));
                    } else {
                        out.println("(new conversation)");
                    }
                    continue;
                }
                if (q.isEmpty()) {
                    if (json) {
                        AnswerPrinter.printJson(out, AnswerPrinter.toJson(Answer.notFound("Please ask a question.", "")));
                    }
                    continue;
                }
                Answer answer = chat.ask(SESSION, q);
                if (json) {
                    AnswerPrinter.printJson(out, AnswerPrinter.toJson(answer));
                } else {
                    AnswerPrinter.printHuman(out, answer);
                }
            }
            return 0;
        }
    }

    private void prompt(PrintStream out) {
        if (!json) {
            out.print("> ");
            out.flush();
        }
    }
}
