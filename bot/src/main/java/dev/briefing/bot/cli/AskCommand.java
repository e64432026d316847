package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.query.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Answers one question and exits. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer one question with citations.")
public final class AskCommand implements Callable<Integer> {

    @Mixin
    KnowledgeOptions options;

    @Option(names = "--json", description = "Print the answer as one JSON object.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (quoted, or as several words).")
    String[] words;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (KnowledgeBase kb = options.openToAnswer()) {
            Answer answer = kb.ask(String.join(" ", words), Conversation.empty());
            if (json) {
                AnswerPrinter.printJson(out, AnswerPrinter.toJson(answer));
            } else {
                AnswerPrinter.printHuman(out, answer);
            }
            return answer.answered() ? 0 : 3;
        }
    }
}
