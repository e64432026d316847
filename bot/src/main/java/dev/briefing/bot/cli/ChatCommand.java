package dev.briefing.bot.cli;

import dev.briefing.bot.chat.ChatService;
import dev.briefing.bot.chat.SmallTalk;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation on the terminal, or, with {@code --json}, the line protocol scripts and the scorer use:
 * one line in, exactly one JSON object out; {@code /new} starts a new conversation.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Ask questions about the articles; follow-ups refer to earlier turns. /new starts over, /quit ends,"
                + " /help says so.")
public final class ChatCommand implements Callable<Integer> {

    private static final String SESSION = "cli";

    /** What {@code /help} says, and what follows an unknown command. */
    static final String HELP = "Ask a question in words; follow-ups refer to earlier turns. /new starts over, /quit ends.";
    /** A line that names a command: a slash and a word, then anything ("/new", "/help me"); "/ 5" is no command. */
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z][A-Za-z0-9_]*)(?:\\s.*)?", Pattern.DOTALL);

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
            converse(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, new Session() {
                @Override
                public Answer ask(String question) {
                    return chat.ask(SESSION, question);
                }

                @Override
                public void reset() {
                    chat.reset(SESSION);
                }
            });
            return 0;
        }
    }

    /** One conversation, as the terminal or a script holds it. */
    interface Session {
        Answer ask(String question);

        void reset();
    }

    /** Reads lines until the input ends or /quit, and writes one reply to each (with {@code --json}, one object). */
    void converse(BufferedReader in, PrintStream out, Session session) throws IOException {
        prompt(out);
        for (String line = in.readLine(); line != null; prompt(out), line = in.readLine()) {
            String q = line.strip();
            String command = commandName(q);
            if ("quit".equals(command) || "exit".equals(command)) {
                break;
            }
            if ("new".equals(command)) {
                session.reset();
                if (json) {
                    AnswerPrinter.printJson(out, Map.of("new_conversation", true));
                } else {
                    out.println("(new conversation)");
                }
                continue;
            }
            if (command != null) {
                say(out, command.equals("help") ? HELP : "I don't know /" + command + ". " + HELP, true);
                continue;
            }
            if (q.isEmpty()) {
                say(out, "Please ask a question.", false);
                continue;
            }
            Optional<SmallTalk.Kind> smallTalk = SmallTalk.of(q);
            if (smallTalk.isPresent()) {
                // not a turn of the conversation: a follow-up after "thanks" still refers to the answer before it
                say(out, switch (smallTalk.get()) {
                    case THANKS -> SmallTalk.WELCOME;
                    case GREETING -> SmallTalk.HELLO;
                    case HELP -> HELP;
                    case ACKNOWLEDGEMENT -> SmallTalk.NOTED;
                }, true);
                continue;
            }
            Answer answer;
            try {
                answer = session.ask(q);
            } catch (RuntimeException e) {
                // one question that fails is no reason to end the conversation, or a script's remaining lines
                answer = Answer.notFound("Sorry, I could not answer that: " + ExitCodes.describe(e), q);
                if (ExitCodes.trace()) {
                    e.printStackTrace();
                }
            }
            if (json) {
                AnswerPrinter.printJson(out, AnswerPrinter.toJson(answer));
            } else {
                AnswerPrinter.printHuman(out, answer);
            }
        }
    }

    /**
     * Replies with {@code text} and no answer: with {@code --json}, one object that cites nothing, as the line protocol
     * needs; on the terminal, the text when {@code onTerminal}.
     */
    private void say(PrintStream out, String text, boolean onTerminal) {
        if (json) {
            AnswerPrinter.printJson(out, AnswerPrinter.toJson(Answer.notFound(text, "")));
        } else if (onTerminal) {
            out.println(text);
        }
    }

    /**
     * The command a line names, in lower case, or null for a question: a user who types "/help" or "/fo" is told
     * what the commands are, instead of getting an answer about "help".
     */
    static String commandName(String line) {
        Matcher m = COMMAND.matcher(line);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private void prompt(PrintStream out) {
        if (!json) {
            out.print("> ");
            out.flush();
        }
    }
}
