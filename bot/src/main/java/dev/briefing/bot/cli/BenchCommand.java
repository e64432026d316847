package dev.briefing.bot.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Prints index build, start-up and answer latency figures for a folder. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure indexing, start-up and answer latency.")
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("under construction");
    }
}
