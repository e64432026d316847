package dev.briefing.knowledge.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Passages that are searchable by BM25 but still wait for their vector, and the one background thread that
 * embeds them a window at a time and adds the vectors to the index as they come.
 *
 * <p>One thread, because the embedding model already spreads one batch over every core: a second caller would
 * only make the two fight. The thread is never interrupted (an interrupt inside a Lucene write closes the index);
 * {@link #close()} lets it finish the window it is on.
 */
final class VectorBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(VectorBacklog.class);

    /**
     * Passages taken per window: enough for the model to sort them by length into well-filled batches, few
     * enough that vectors reach the index (and a closing index waits) about every second or two on 2 cores.
     */
    static final int WINDOW = 128;
    /** Vectors are committed at least this often while the backlog drains, and at once when it is empty. */
    static final long COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long {@link #close()} waits for the window in progress. */
    static final long CLOSE_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    /** The background embedder's thread name. */
    static final String THREAD = "vector-backlog";

    /** A passage waiting for its vector, with the content hash its vector is cached under. */
    record Pending(String passageId, String articleId, String hash, String text) {
    }

    private final LuceneIndex index;
    /** By passage id: a newer version of a passage replaces the older one still waiting. Guarded by this. */
    private final Map<String, Pending> waiting = new LinkedHashMap<>();
    private int inFlight;
    private int holds;
    private long embedded;
    private boolean closing;
    private RuntimeException failure;
    private Thread worker;

    VectorBacklog(LuceneIndex index) {
        this.index = index;
    }

    synchronized void start() {
        worker = new Thread(this::run, THREAD);
        worker.setDaemon(true);
        worker.start();
    }

    synchronized void add(Pending p) {
        waiting.put(p.passageId(), p);
        notifyAll();
    }

    /** Forgets a waiting passage (its article changed or went away). */
    synchronized void discard(String passageId) {
        waiting.remove(passageId);
    }

    /** Forgets a waiting passage once its vector is in, unless a different text for it has been queued since. */
    synchronized void discard(Pending done) {
        Pending p = waiting.get(done.passageId());
        if (p != null && p.hash().equals(done.hash())) {
            waiting.remove(done.passageId());
        }
    }

    /**
     * Keeps the embedder from starting a window until {@link #release()}: while a sync reads the folder, the
     * cores go to reading, so the articles answer by BM25 sooner; the window in progress finishes.
     */
    synchronized void hold() {
        holds++;
    }

    synchronized void release() {
        holds--;
        notifyAll();
    }

    synchronized int pending() {
        return waiting.size() + inFlight;
    }

    synchronized long embedded() {
        return embedded;
    }

    /** Blocks until nothing waits, reporting the count about twice a second; throws if the embedder failed. */
    void await(IntConsumer progress) throws InterruptedException {
        synchronized (this) {
            while (pending() > 0 && failure == null && !closing) {
                progress.accept(pending());
                wait(500);
            }
            if (failure != null) {
                throw new IllegalStateException("embedding stopped with " + pending() + " passages waiting for vectors: "
                        + failure.getMessage() + "; they are embedded at the next start", failure);
            }
            progress.accept(pending());
        }
    }

    private void run() {
        long lastCommit = System.nanoTime();
        while (true) {
            List<Pending> window = new ArrayList<>(WINDOW);
            synchronized (this) {
                while ((waiting.isEmpty() || holds > 0) && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closing) {
                    return;
                }
                Iterator<Pending> it = waiting.values().iterator();
                while (it.hasNext() && window.size() < WINDOW) {
                    window.add(it.next());
                    it.remove();
                }
                inFlight = window.size();
            }
            try {
                int n = index.embedAndAdd(window);
                boolean drained;
                synchronized (this) {
                    embedded += n;
                    drained = waiting.isEmpty();
                }
                if (drained || System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
                    index.commit();
                    lastCommit = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("embedding passages failed, {} wait for the next start: {}", pending(), e.toString());
                synchronized (this) {
                    // put the window back so the count stays true; a restart finds them again anyway
                    window.forEach(p -> waiting.putIfAbsent(p.passageId(), p));
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    inFlight = 0;
                    notifyAll();
                }
                return;
            } finally {
                synchronized (this) {
                    inFlight = 0;
                    notifyAll();
                }
            }
        }
    }

    /** Stops taking windows and waits for the one in progress, so no vector is half-written at exit. */
    void close() {
        Thread t;
        synchronized (this) {
            closing = true;
            notifyAll();
            t = worker;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(CLOSE_WAIT_MILLIS);
            if (t.isAlive()) {
                LOG.warn("the embedder did not finish its window within {} ms; closing anyway", CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = pending();
        if (left > 0) {
            LOG.info("{} passages wait for vectors; they are embedded at the next start", left);
        }
    }
}
