package dev.briefing.bot.digest;

import dev.briefing.bot.store.DigestLog;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.SubscriptionStore;
import dev.briefing.bot.summary.SummaryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends each subscriber its digest at its local time, exactly once per chat and local day.
 *
 * <p>Each {@link #tick()} reads the subscriptions, picks those whose time has come today and which were not sent
 * today, and for each: claims the (chat, day) row in the {@link DigestLog} (an atomic insert-or-take-over; losing
 * the claim means another sender has it), composes the digest, waits for the {@link Pacer}, sends, and marks the
 * row sent in the same transaction that records what the digest covered. The database, not memory, decides who
 * sends, so a restart, a second instance, or two overlapping ticks cannot send twice; a bot that was down at the
 * time sends on its first tick back, the same day.
 *
 * <p>Answers: 429 pauses every sender for {@code retry_after}, renews the claim and tries again (up to
 * {@value #MAX_RETRIES} answers per digest, migrations included); 403 unsubscribes the chat; a migration moves the subscription and its history to
 * the new id and sends there; any other failure leaves the row to be claimed again by a later tick, up to
 * {@value #MAX_ATTEMPTS} attempts.
 *
 * <p>Remaining crash window: if the process dies after Telegram accepted a message but before the row is marked
 * sent (a few milliseconds: one local SQLite commit), the claim outlives it and is taken over after
 * {@link #LEASE}, and that digest is sent a second time. The opposite choice (never take over a claim) would lose
 * the digest of every chat claimed but not yet sent when the process died, which is far more likely: claims are
 * taken just before each send, but a big tick is paced over minutes. Telegram offers no idempotency key that
 * could close the window.
 */
public final class DigestScheduler implements AutoCloseable {

    /** How often the background loop looks for due digests: a digest goes out within this of its minute. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(30);
    /** Parallel sends; 8 keep 30 messages a second flowing while each request takes up to a quarter second. */
    public static final int DEFAULT_WORKERS = 8;
    /** How long a claim holds before another sender may take it over; far beyond one request's timeout. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /** Claims of one digest before it is given up for the day. */
    static final int MAX_ATTEMPTS = 3;
    /** 429 answers waited out for one digest within one claim. */
    static final int MAX_RETRIES = 5;
    /** How long {@link #close()} waits for sends in flight, so their rows are marked before the store closes. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private enum Outcome { SENT, SKIPPED, BLOCKED, FAILED }

    private final SubscriptionStore subscriptions;
    private final DigestLog log;
    private final SummaryService summaries;
    private final DigestSender sender;
    private final Pacer pacer;
    private final Clock clock;
    private final ExecutorService workers;
    private ScheduledExecutorService loop;

    public DigestScheduler(SubscriptionStore subscriptions, DigestLog log, SummaryService summaries, DigestSender sender,
                           Pacer pacer, Clock clock, int workers) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.log = Objects.requireNonNull(log, "log");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (workers < 1) {
            throw new IllegalArgumentException("illegal workers value: " + workers + ", must be at least 1");
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "digest-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends every digest due now and waits for them; safe to run from several threads or processes at once. */
    public TickReport tick() {
        long started = System.nanoTime();
        var now = clock.instant();
        List<Subscription> all = subscriptions.subscriptions();
        List<Future<Outcome>> running = new ArrayList<>();
        DigestComposer composer = new DigestComposer(summaries);
        Counters counters = new Counters();
        int due = 0;
        for (Subscription s : all) {
            Optional<LocalDate> day = Schedule.due(s, now);
            if (day.isPresent()) {
                due++;
                running.add(workers.submit(() -> deliver(s, day.get(), composer, counters)));
            }
        }
        Duration planning = Duration.ofNanos(System.nanoTime() - started);
        int sent = 0;
        int skipped = 0;
        int blocked = 0;
        int failed = 0;
        for (Future<Outcome> f : running) {
            Outcome o = outcome(f);
            switch (o) {
                case SENT -> sent++;
                case SKIPPED -> skipped++;
                case BLOCKED -> blocked++;
                case FAILED -> failed++;
            }
        }
        return new TickReport(due, sent, skipped, blocked, counters.migrated.get(), failed, counters.retries.get(),
                planning, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Ticks every {@code every} on a background thread until {@link #close()}. */
    public synchronized void start(Duration every) {
        if (loop != null) {
            throw new IllegalStateException("the digest scheduler is already running");
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "digest-scheduler");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                TickReport r = tick();
                if (r.due() > 0) {
                    LOG.info("digests: {}", r);
                }
            } catch (RuntimeException e) {
                // A bad tick (database busy, say) must not end the loop: the next one retries.
                LOG.error("digest tick failed", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops ticking; digests waiting for the pacer are left FAILED for the next run, and sends already with
     * Telegram get up to {@link #CLOSE_TIMEOUT} to be marked, so the store can be closed after this returns.
     */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
        }
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("digest sends still running after {} s; their digests may be sent again after the lease",
                        CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Counters {
        final AtomicInteger migrated = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
    }

    private Outcome deliver(Subscription s, LocalDate day, DigestComposer composer, Counters counters) {
        long chat = s.chatId();
        if (!log.claim(chat, day, clock.instant(), LEASE, MAX_ATTEMPTS)) {
            return Outcome.SKIPPED;
        }
        try {
            Digest digest = composer.compose(s, day);
            for (int attempt = 0; attempt <= MAX_RETRIES; ) {
                pacer.acquire();
                SendResult result = sender.send(chat, digest.html());
                if (result instanceof SendResult.Ok) {
                    log.markSent(chat, day, digest.articleDay(), clock.instant());
                    return Outcome.SENT;
                } else if (result instanceof SendResult.RetryAfter r) {
                    counters.retries.incrementAndGet();
                    attempt++;
                    pacer.pause(r.retryAfter());
                    log.renew(chat, day, clock.instant().plus(r.retryAfter()));
                } else if (result instanceof SendResult.Blocked) {
                    LOG.info("chat {} blocked the bot; unsubscribed", chat);
                    subscriptions.unsubscribe(chat);
                    log.abandon(chat, day);
                    return Outcome.BLOCKED;
                } else if (result instanceof SendResult.Migrated m) {
                    LOG.info("chat {} became supergroup {}; subscription moved", chat, m.newChatId());
                    subscriptions.move(chat, m.newChatId());
                    counters.migrated.incrementAndGet();
                    chat = m.newChatId();
                    attempt++;
                } else if (result instanceof SendResult.Failed f) {
                    LOG.warn("digest for chat {} on {} failed: {}", chat, day, f.reason());
                    log.markFailed(chat, day);
                    return Outcome.FAILED;
                }
            }
            log.markFailed(chat, day);
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.markFailed(chat, day);
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            LOG.error("digest for chat {} on {} failed", chat, day, e);
            log.markFailed(chat, day);
            return Outcome.FAILED;
        }
    }

    private static Outcome outcome(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        } catch (ExecutionException e) {
            LOG.error("digest worker failed", e.getCause());
            return Outcome.FAILED;
        }
    }
}
