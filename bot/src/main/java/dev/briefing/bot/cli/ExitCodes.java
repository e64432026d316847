package dev.briefing.bot.cli;

import dev.briefing.bot.store.DamagedStoreException;
import dev.briefing.knowledge.IndexInUseException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The exit codes of every command, and how a failure reaches the user: one line they can act on, never a
 * stack trace (set {@value #TRACE_VARIABLE}=1 to see one). The README lists the same table.
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper, CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler {

    /** Done. */
    public static final int OK = 0;
    /** An unexpected failure, or Telegram rejected the token. */
    public static final int FAILED = 1;
    /**
     * A bad command line or configuration: unknown option, bad value, empty question, a missing or unwritable folder,
     * no token.
     */
    public static final int USAGE = 2;
    /** Nothing to answer with: the articles do not answer the question, or no articles on that day. */
    public static final int NO_ANSWER = 3;
    /** Another process holds the data folder's index in a way this command cannot share. */
    public static final int DATA_IN_USE = 4;
    /** The database is damaged, or empty while its marker says it held data; a copy was made. */
    public static final int DATABASE_DAMAGED = 5;

    /** An environment variable that, when set to 1, adds the stack trace to an unexpected failure. */
    static final String TRACE_VARIABLE = "BRIEFING_TRACE";

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (exception instanceof IndexInUseException) {
            return DATA_IN_USE;
        }
        if (exception instanceof DamagedStoreException) {
            return DATABASE_DAMAGED;
        }
        return FAILED;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = getExitCode(ex);
        if (code == FAILED) {
            err.println("error: " + describe(ex) + (trace() ? "" : " (set " + TRACE_VARIABLE + "=1 for the stack trace)"));
            if (trace()) {
                ex.printStackTrace(err);
            }
        } else {
            err.println("error: " + ex.getMessage());
        }
        err.flush();
        return code;
    }

    /**
     * A bad command line: the message, the command's usage line and where to read more (picocli's short form),
     * instead of the whole help.
     */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.printf("Try '%s --help' for more information.%n", cmd.getCommandSpec().qualifiedName());
        err.flush();
        return getExitCode(ex);
    }

    /** The exception's own message where it has one, else its cause's; named where the message is just a path. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? describe(e.getCause()) : e.getClass().getSimpleName();
        }
        return e instanceof IOException && e.getClass() != IOException.class
                ? e.getClass().getSimpleName() + ": " + message
                : message;
    }

    static boolean trace() {
        return "1".equals(System.getenv(TRACE_VARIABLE));
    }

    /**
     * The error for a root command run without a command: usage (exit {@value #USAGE}), naming its commands, in
     * the order its help lists them, from the command line itself, so a new command is never left out.
     */
    public static CommandLine.ParameterException noCommand(CommandLine.Model.CommandSpec root) {
        List<String> names = root.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        String listed = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return new CommandLine.ParameterException(root.commandLine(), "name a command: " + listed);
    }

    /** Installs these handlers on a command line. */
    public static CommandLine install(CommandLine commandLine) {
        ExitCodes handler = new ExitCodes();
        return commandLine.setExitCodeExceptionMapper(handler)
                .setExecutionExceptionHandler(handler)
                .setParameterExceptionHandler(handler);
    }
}
