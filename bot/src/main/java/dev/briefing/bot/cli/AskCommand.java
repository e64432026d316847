package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Answers one question and exits. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer one question with citations.")
public final class AskCommand implements Callable<Integer> {

    /** Features shown by --explain in text form; --json shows them all. */
    static final int EXPLAINED_PARTS = 12;

    @Mixin
    KnowledgeOptions options;

    @Option(names = "--json", description = "Print the answer as one JSON object.")
    boolean json;

    @Option(names = "--explain", description = "Show why: each feature's contribution to the best sentence's score.")
    boolean explain;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (quoted, or as several words).")
    String[] words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the question is empty; ask e.g. ask \"What is the CSTO?\"");
        }
        try (KnowledgeBase kb = options.openToAnswer()) {
            Answer answer = kb.ask(question, Conversation.empty());
            if (json) {
                AnswerPrinter.printJson(out, AnswerPrinter.toJson(answer));
            } else {
                AnswerPrinter.printHuman(out, answer);
                if (explain) {
                    AnswerPrinter.printExplanation(out, answer.explanation(), EXPLAINED_PARTS);
                }
            }
            return answer.answered() ? ExitCodes.OK : ExitCodes.NO_ANSWER;
        }
    }
}
