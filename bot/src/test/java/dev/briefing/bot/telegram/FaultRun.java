package dev.briefing.bot.telegram;

import dev.briefing.bot.telegram.Burst.Tally;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The fault runs, a benchmark and not a test: the real {@code run} (the shaded jar) against the emulator behind a
 * fault-injecting server, under three faults, printing what became of every question: lost, duplicated, recovered.
 *
 * <pre>mvn -B -o -pl bot -am package -DskipTests -Ptelegram-faults [-Dfaults.args="outage kill term"]</pre>
 *
 * <ul>
 *   <li>{@code outage}: every Bot API method but getUpdates answers 500 for 90 s while 40 chats each ask a question.</li>
 *   <li>{@code kill}: 60 chats ask 4 questions each (240) at once; the bot is killed with SIGKILL once 40 are answered,
 *       and started again on the same data folder.</li>
 *   <li>{@code term}: the same burst, stopped with SIGTERM instead, then started again once it has exited.</li>
 * </ul>
 * Every process's log is then searched for the token, which the fault server's errors never echo but the bot must not
 * print anyway. Exits 1 when a question was lost or the token was found.
 */
public final class FaultRun {

    static final String SECRET = "FAULT-run_secret-value";
    static final String TOKEN = "424242:" + SECRET;
    static final String BOT = "BriefingTestBot";
    static final Duration START = Duration.ofSeconds(120);

    private FaultRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? List.of("outage", "kill", "term") : List.of(args);
        if (!TelegramEmulator.installed()) {
            System.err.println(TelegramEmulator.INSTALL_HINT);
            System.exit(2);
        }
        if (!RunProcess.built()) {
            System.err.println("no " + RunProcess.JAR + ": run mvn package first (the profile runs after it)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("fault-run");
        List<Path> logs = new ArrayList<>();
        boolean lostAny = false;
        for (String scenario : scenarios) {
            Path log = work.resolve(scenario + ".log");
            logs.add(log);
            Tally t = switch (scenario) {
                case "outage" -> outage(work.resolve(scenario), log);
                case "kill" -> restart(work.resolve(scenario), log, false);
                case "term" -> restart(work.resolve(scenario), log, true);
                default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "': outage, kill or term");
            };
            lostAny |= t.lost() > 0;
        }
        int leaks = 0;
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains(SECRET)) {
                    leaks++;
                    System.out.println("TOKEN in " + log.getFileName() + ": " + line);
                }
            }
        }
        System.out.printf("token in the logs (%s): %d line(s)%n", work, leaks);
        System.exit(lostAny || leaks > 0 ? 1 : 0);
    }

    private static Tally outage(Path data, Path log) throws Exception {
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT);
             FaultyBotApi api = new FaultyBotApi(emulator.url());
             RunProcess bot = RunProcess.start(api.url(), TOKEN, data, log)) {
            running(log);
            long t0 = System.nanoTime();
            api.fail(method -> !method.equals("getupdates"), StubBotApi.respond(500,
                    "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"));
            Burst burst = new Burst(emulator, TOKEN).write(40, 1, 50_000);
            Thread.sleep(Math.max(0, Duration.ofSeconds(90).toMillis() - (System.nanoTime() - t0) / 1_000_000));
            Tally during = burst.tally();
            api.heal();
            long healed = System.nanoTime();
            Tally end = burst.awaitSettled(Duration.ofSeconds(180), Duration.ofSeconds(3));
            System.out.printf("outage: 500s on every method but getUpdates for 90 s (%d requests failed), 40 chats x 1"
                            + " question: %s; answered during the outage %d, recovered after it %d, the last %.1f s after%n",
                    api.faulted.get(), end, during.answered().size(), end.answered().size() - during.answered().size(),
                    (System.nanoTime() - healed) / 1e9 - 3);
            return end;
        }
    }

    private static Tally restart(Path data, Path log, boolean graceful) throws Exception {
        String name = graceful ? "SIGTERM" : "kill -9";
        try (TelegramEmulator emulator = TelegramEmulator.start(BOT)) {
            RunProcess first = RunProcess.start(emulator.url(), TOKEN, data, log);
            running(log);
            Burst burst = new Burst(emulator, TOKEN);
            CompletableFuture<Burst> writing = CompletableFuture.supplyAsync(() -> {
                try {
                    return burst.write(60, 4, 60_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int atSignal = burst.awaitAnswered(40, Duration.ofSeconds(60)).answered().size();
            long stopping = System.nanoTime();
            int exit = 0;
            if (graceful) {
                // Under load, as on a busy machine: the drain has less CPU than the burst needs.
                try (CpuLoad load = new CpuLoad(Runtime.getRuntime().availableProcessors())) {
                    exit = first.terminate(60);
                }
            } else {
                first.kill();
            }
            double stopSeconds = (System.nanoTime() - stopping) / 1e9;
            writing.get();
            Tally atStop = burst.tally();
            Set<Burst.Question> before = new HashSet<>(atStop.answered());
            try (RunProcess second = RunProcess.start(emulator.url(), TOKEN, data, log)) {
                running(log, 2);
                Tally end = burst.awaitSettled(Duration.ofSeconds(180), Duration.ofSeconds(5));
                Set<Burst.Question> recovered = new HashSet<>(end.answered());
                recovered.removeAll(before);
                System.out.printf("%s: 60 chats x 4 = %d questions, %d answered at the signal, %d when the process had"
                                + " gone (%.1f s%s): %s; recovered by the restarted bot %d%n", name, end.asked(), atSignal,
                        before.size(), stopSeconds, graceful ? ", exit " + exit + ", CPU loaded" : "", end, recovered.size());
                return end;
            }
        }
    }

    /** Threads that keep the cores busy until closed, as other work on the machine would. */
    private static final class CpuLoad implements AutoCloseable {
        private volatile boolean on = true;

        CpuLoad(int threads) {
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (on) {
                        x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }, "cpu-load-" + i);
                t.setDaemon(true);
                t.start();
            }
        }

        @Override
        public void close() {
            on = false;
        }
    }

    private static void running(Path log) throws Exception {
        running(log, 1);
    }

    private static void running(Path log, int n) throws Exception {
        RunProcess.awaitRunning(log, n, START);
    }
}
