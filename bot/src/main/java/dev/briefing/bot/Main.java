package dev.briefing.bot;

import dev.briefing.bot.cli.AskCommand;
import dev.briefing.bot.cli.ChatCommand;
import dev.briefing.bot.cli.ExitCodes;
import dev.briefing.bot.cli.IngestCommand;
import dev.briefing.bot.cli.RunCommand;
import dev.briefing.bot.cli.SummaryCommand;
import dev.briefing.bot.cli.TrainCommand;
import dev.briefing.bot.telegram.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The bot's command line: {@code chat}, {@code ask}, {@code ingest}, {@code run}, {@code summary}, {@code train}.
 * The benchmarks are beside it, in a jar of their own ({@code briefing-bot-bench.jar}).
 */
@Command(name = "briefing-bot",
        mixinStandardHelpOptions = true,
        version = "briefing-bot 0.1.0",
        description = "Answers questions about a folder of news articles, with verbatim citations.",
        subcommands = {
                ChatCommand.class,
                AskCommand.class,
                IngestCommand.class,
                RunCommand.class,
                SummaryCommand.class,
                TrainCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before anything logs: java.util.logging keeps the stream it first sees, and the bot token must never reach it.
        Redaction.installOnStandardError();
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, for tests that run it in-process: failures print one line and map to the
     * exit codes of {@link ExitCodes}.
     */
    public static CommandLine commandLine() {
        return ExitCodes.install(new CommandLine(new Main()));
    }

    @Override
    public void run() {
        throw ExitCodes.noCommand(spec);
    }
}
