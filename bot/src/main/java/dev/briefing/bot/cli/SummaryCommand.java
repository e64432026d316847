package dev.briefing.bot.cli;

import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.summary.ArticleSource;
import dev.briefing.bot.summary.DayArgument;
import dev.briefing.bot.summary.SummaryFormatter;
import dev.briefing.bot.summary.SummaryHandler;
import dev.briefing.bot.summary.SummaryService;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.summarize.CentroidSummarizer;
import dev.briefing.knowledge.summarize.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Prints the briefing of a day, with each point's offsets and score; cached in the data folder's database. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the briefing of a day: today, yesterday, latest (default) or YYYY-MM-DD.")
public final class SummaryCommand implements Callable<Integer> {

    @Mixin
    KnowledgeOptions options;

    @Mixin
    DatabaseOption database;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DAY", defaultValue = "latest",
            description = "today, yesterday, latest or YYYY-MM-DD. Default: ${DEFAULT-VALUE}.")
    String day;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone 'today' is read in. Default: this machine's.")
    String zone;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ZoneId in;
        try {
            in = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown time zone '" + zone + "'; use e.g. Europe/Berlin or UTC+3");
        }
        Clock clock = Clock.systemUTC();
        options.validate();
        // The store first: a damaged database stops the command before a sync that may take minutes. Summaries
        // read the articles' text, not vectors: what still waits is embedded at the next start.
        try (JdbcStore store = JdbcStore.open(database.resolve(options.data(), null));
             KnowledgeBase kb = options.openSynced(KnowledgeBase.Vectors.IN_BACKGROUND)) {
            SummaryService summaries = new SummaryService(ArticleSource.of(kb), new CentroidSummarizer(), store, clock);
            Optional<LocalDate> wanted;
            try {
                wanted = DayArgument.resolve(day, in, clock, summaries::latestDay);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (wanted.isEmpty()) {
                out.println("No articles yet.");
                return ExitCodes.NO_ANSWER;
            }
            Optional<Summary> summary = summaries.summaryOf(wanted.get());
            if (summary.isEmpty()) {
                out.println(SummaryHandler.noArticles(wanted.get(), summaries.days()));
                return ExitCodes.NO_ANSWER;
            }
            out.print(SummaryFormatter.plain(summary.get()));
            return 0;
        }
    }
}
