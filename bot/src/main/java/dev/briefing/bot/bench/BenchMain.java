package dev.briefing.bot.bench;

import dev.briefing.bot.cli.ExitCodes;
import dev.briefing.bot.telegram.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' command line, {@code bench} and {@code bench-digest}: the main class of
 * {@code briefing-bot-bench.jar}, which holds these classes alone and finds the bot's beside it
 * ({@code briefing-bot.jar}, on its manifest's class path). The bot's own jar ships without them.
 */
@Command(name = "briefing-bench",
        mixinStandardHelpOptions = true,
        version = "briefing-bench 0.1.0",
        description = "Measures the briefing bot: index build, answer latency and memory, and digest sending.",
        subcommands = {
                BenchCommand.class,
                BenchDigestCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Redaction.installOnStandardError();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run it in-process; failures map to the bot's exit codes. */
    public static CommandLine commandLine() {
        return ExitCodes.install(new CommandLine(new BenchMain()));
    }

    @Override
    public void run() {
        throw ExitCodes.noCommand(spec);
    }
}
