package dev.briefing.bot.digest;

import dev.briefing.bot.store.DigestLog;
import dev.briefing.bot.store.DigestRecord;
import dev.briefing.bot.store.Subscription;
import dev.briefing.bot.store.SubscriptionStore;
import dev.briefing.bot.summary.SummaryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * the new id and sends there (unless the new id already has that day's digest); any other failure leaves the row
 * to be claimed again by a later tick after a backoff ({@link #backoff}), up to {@value #MAX_ATTEMPTS} attempts,
 * which span about three hours of outage; then it is given up for the day with one warning.
 *
 * <p>Remaining crash window: if the process dies after Telegram accepted a message but before the row is marked
 * sent (one commit: milliseconds on SQLite, one round trip to PostgreSQL), the claim outlives it and is taken over
 * after the lease ({@link #LEASE} unless configured), by this instance after a restart or by any other instance on
 * the same database, and that
 * digest is sent a second time; at most one per sending thread ({@link #DEFAULT_WORKERS}) can be caught so. Digests
 * claimed but not yet sent (waiting for the pacer) are sent once, {@link #LEASE} late. The opposite choice (never take over a claim) would lose
 * the digest of every chat claimed but not yet sent when the process died, which is far more likely: claims are
 * taken just before each send, but a big tick is paced over minutes. Telegram offers no idempotency key that
 * could close the window. {@link #close()} keeps to the same rule: sends in flight get time to finish and be
 * marked, and one cut off by the shutdown stays claimed (Telegram may have delivered it) rather than FAILED.
 */
public final class DigestScheduler implements AutoCloseable {

    /** How often the background loop looks for due digests: a digest goes out within this of its minute. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(30);
    /** Parallel sends; 8 keep 30 messages a second flowing while each request takes up to a quarter second. */
    public static final int DEFAULT_WORKERS = 8;
    /** How long a claim holds before another sender may take it over; far beyond one request's timeout. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /**
     * Claims of one digest before it is given up for the day: with {@link #backoff} the twelfth comes about three
     * hours after the first, so an outage of a few hours delays the digest rather than losing it.
     */
    static final int MAX_ATTEMPTS = 12;
    /** Wait after a digest's first failed attempt, doubled after each further one. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    /** The longest wait between two attempts, so a digest still goes out within half an hour of a recovery. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** 429 answers waited out for one digest within one claim. */
    static final int MAX_RETRIES = 5;
    /** How long {@link #close()} waits for sends in flight, so their rows are marked before the store closes. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close()} then waits for interrupted sends to return. */
    static final Duration INTERRUPT_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private enum Outcome { SENT, SKIPPED, BLOCKED, FAILED }

    private final SubscriptionStore subscriptions;
    private final DigestLog log;
    private final SummaryService summaries;
    private final DigestSender sender;
    private final Pacer pacer;
    private final Clock clock;
    private final ExecutorService workers;
    private final Duration lease;
    private ScheduledExecutorService loop;
    /** Set by {@link #close()}: no new send starts. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set when {@link #close()} interrupts the senders: a send failing from then on may have been delivered. */
    private volatile boolean interrupting;

    public DigestScheduler(SubscriptionStore subscriptions, DigestLog log, SummaryService summaries, DigestSender sender,
                           Pacer pacer, Clock clock, int workers) {
        this(subscriptions, log, summaries, sender, pacer, clock, workers, LEASE);
    }

    /**
     * As the other constructor, with a claim's {@code lease} other than {@link #LEASE}: shorter lets another instance
     * take over a crashed one's digests sooner (the kill test uses seconds), but a lease shorter than a send can take
     * (the Bot API client's timeouts) lets a second sender repeat a digest that is merely slow.
     */
    public DigestScheduler(SubscriptionStore subscriptions, DigestLog log, SummaryService summaries, DigestSender sender,
                           Pacer pacer, Clock clock, int workers, Duration lease) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.log = Objects.requireNonNull(log, "log");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (workers < 1) {
            throw new IllegalArgumentException("illegal workers value: " + workers + ", must be at least 1");
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("illegal lease value: " + lease + ", must be at least 1 second");
        }
        this.lease = lease;
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
            if (day.isPresent() && !closing.get()) {
                due++;
                try {
                    running.add(workers.submit(() -> deliver(s, day.get(), composer, counters)));
                } catch (RejectedExecutionException e) {
                    // closed meanwhile: the rest is sent by the next run
                    break;
                }
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
     * Stops ticking and starts no new send; sends already with Telegram get up to {@link #CLOSE_TIMEOUT} to finish
     * and be marked, so the store can be closed after this returns. A send still running then is interrupted and
     * its digest left CLAIMED: Telegram may have delivered it, so the lease decides, as after a crash.
     */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    synchronized void close(Duration grace) {
        closing.set(true);
        if (loop != null) {
            loop.shutdownNow();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("digest sends still running after {} s; interrupting them, their digests stay claimed until "
                        + "the lease ends", grace.toSeconds());
                interrupt();
            }
        } catch (InterruptedException e) {
            interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** True once {@link #close()} began: no new send starts. */
    boolean closing() {
        return closing.get();
    }

    private void interrupt() {
        interrupting = true;
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(INTERRUPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("digest sends still running after the interrupt; their digests may be sent again after the lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The wait before the next attempt after {@code attempts} failed ones: {@link #FIRST_BACKOFF}, doubled each
     * time, at most {@link #MAX_BACKOFF} (30 s, 1, 2, 4, 8, 16, 30, 30 ... minutes).
     */
    static Duration backoff(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("illegal attempts value: " + attempts + ", must be at least 1");
        }
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static final class Counters {
        final AtomicInteger migrated = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
    }

    private Outcome deliver(Subscription s, LocalDate day, DigestComposer composer, Counters counters) {
        if (closing.get()) {
            return Outcome.SKIPPED;
        }
        long chat = s.chatId();
        String token = UUID.randomUUID().toString();
        if (!log.claim(chat, day, token, clock.instant(), lease, MAX_ATTEMPTS)) {
            return Outcome.SKIPPED;
        }
        int attempt = log.digest(chat, day).map(DigestRecord::attempts).orElse(1);
        try {
            Digest digest = composer.compose(s, day);
            for (int answers = 0; answers <= MAX_RETRIES; ) {
                if (closing.get()) {
                    return release(chat, day, token);
                }
                pacer.acquire();
                if (closing.get()) {
                    return release(chat, day, token);
                }
                SendResult result = sender.send(chat, digest.html());
                if (result instanceof SendResult.Ok) {
                    if (!log.markSent(chat, day, token, digest.articleDay(), clock.instant())) {
                        LOG.warn("digest for chat {} on {} was sent after its claim was taken over by another sender; "
                                + "the chat may get it twice", chat, day);
                    }
                    return Outcome.SENT;
                } else if (result instanceof SendResult.RetryAfter r) {
                    counters.retries.incrementAndGet();
                    answers++;
                    pacer.pause(r.retryAfter());
                    if (!log.renew(chat, day, token, clock.instant().plus(r.retryAfter()))) {
                        return lost(chat, day, "its claim was taken over during the 429 wait");
                    }
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
                    answers++;
                    // The new id may already have this day's digest (or a claim on it): then the move kept that.
                    if (!log.renew(chat, day, token, clock.instant())) {
                        return lost(chat, day, "the new id already has it, or a claim on it");
                    }
                } else if (result instanceof SendResult.Failed f) {
                    return failed(chat, day, token, attempt, f.reason());
                }
            }
            return failed(chat, day, token, attempt, "still 429 after " + MAX_RETRIES + " waits");
        } catch (InterruptedException e) {
            // Only close() interrupts, and only the pacer throws this: nothing went to Telegram.
            Thread.currentThread().interrupt();
            return release(chat, day, token);
        } catch (RuntimeException e) {
            LOG.warn("digest for chat {} on {} failed", chat, day, e);
            return failed(chat, day, token, attempt, e.toString());
        }
    }

    /** A send that failed: tried again after the backoff, or given up, with one warning, after the last attempt. */
    private Outcome failed(long chat, LocalDate day, String token, int attempt, String reason) {
        if (interrupting) {
            // Cut off by close(): Telegram may have delivered it, so it stays claimed and the lease decides.
            LOG.info("digest for chat {} on {} interrupted by the shutdown; left claimed for the lease", chat, day);
            return Outcome.FAILED;
        }
        if (attempt >= MAX_ATTEMPTS) {
            log.abandon(chat, day);
            LOG.warn("gave up the digest for chat {} on {} after {} attempts; last failure: {}", chat, day, attempt, reason);
            return Outcome.FAILED;
        }
        Instant retryAt = clock.instant().plus(backoff(attempt));
        log.markFailed(chat, day, token, retryAt);
        LOG.info("digest for chat {} on {} failed (attempt {} of {}), next attempt from {}: {}", chat, day, attempt,
                MAX_ATTEMPTS, retryAt, reason);
        return Outcome.FAILED;
    }

    /** A digest not sent because the bot is closing: free for the next run at once, the attempt not counted. */
    private Outcome release(long chat, LocalDate day, String token) {
        log.release(chat, day, token);
        return Outcome.SKIPPED;
    }

    private static Outcome lost(long chat, LocalDate day, String why) {
        LOG.info("digest for chat {} on {} not sent here: {}", chat, day, why);
        return Outcome.SKIPPED;
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
