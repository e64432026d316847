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
 * Passages that are searchable by BM25 but still wait for their vector, sentences that wait for theirs, and the
 * one background thread that embeds them a window at a time and adds the vectors to the index as they come.
 * Passages go first, as retrieval needs their vectors; a sentence's vector only spares the answerer embedding it
 * when a question first reaches it.
 *
 * <p>One thread, because the embedding model already shares each call's batches between every core: a second
 * caller would only make the two fight. The thread is never interrupted (an interrupt inside a Lucene write closes
 * the index); {@link #close()} lets it finish the window it is on.
 */
final class VectorBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(VectorBacklog.class);

    /**
     * Passages taken per window: enough for the model to sort them by length into well-filled batches, few
     * enough that vectors reach the index (and a closing index waits) about every second or two on 2 cores.
     */
    static final int WINDOW = 128;
    /**
     * Passages taken by the process's first window, each later one twice as many up to {@link #WINDOW}: the
     * model's first runs are its slowest (ONNX and the JIT warm up), and a process that stops right after a sync
     * ({@code ingest --no-wait}) waits for the window in progress: 2.4 s for a first window of 128 on 2 cores.
     */
    static final int FIRST_WINDOW = 16;
    /**
     * Sentences taken per window. Each is embedded alone (see {@link LuceneIndex#embedDocuments}), a few
     * milliseconds apiece, so a window takes well under a second and a closing index hardly waits.
     */
    static final int SENTENCE_WINDOW = 64;
    /** Vectors are committed at least this often while the backlog drains, and at once when it is empty. */
    static final long COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long {@link #close()} waits for the window in progress. */
    static final long CLOSE_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    /** The background embedder's thread name. */
    static final String THREAD = "vector-backlog";

    /** A passage waiting for its vector, with the content hash its vector is cached under. */
    record Pending(String passageId, String articleId, String hash, String text) {
    }

    /**
     * A sentence waiting for its vector: the {@code sentence}-th of a passage. Its text is read from the passage
     * when its window is embedded, so the backlog holds no copy of every sentence of a large folder.
     */
    record SentencePending(String passageId, String articleId, int sentence) {
        String key() {
            return key(passageId, sentence);
        }

        static String key(String passageId, int sentence) {
            return passageId + "#" + sentence;
        }
    }

    private final LuceneIndex index;
    /** By passage id: a newer version of a passage replaces the older one still waiting. Guarded by this. */
    private final Map<String, Pending> waiting = new LinkedHashMap<>();
    private int inFlight;
    /** By {@link SentencePending#key()}. Guarded by this. */
    private final Map<String, SentencePending> sentences = new LinkedHashMap<>();
    private int sentencesInFlight;
    /** The window in flight has its vectors added to the index writer, only its commit is to come. Guarded by this. */
    private boolean windowAdded;
    private int holds;
    /** Passages the next window takes. Guarded by this. */
    private int passageWindow = FIRST_WINDOW;
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

    synchronized void add(SentencePending s) {
        sentences.put(s.key(), s);
        notifyAll();
    }

    /** Forgets a waiting sentence (its article changed or went away, or its vector is in). */
    synchronized void discard(SentencePending s) {
        sentences.remove(s.key(), s);
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

    /** Sentences still waiting for their vector, the window being embedded included. */
    synchronized int pendingSentences() {
        return sentences.size() + sentencesInFlight;
    }

    /**
     * Whether every passage and sentence handed to the backlog has its vector in the index writer: nothing waits,
     * and no window is being embedded, unless its vectors are added already. A commit made while this holds may
     * say so ({@link LuceneIndex#commit()}), and the next open skips looking for what waits.
     */
    synchronized boolean allIn() {
        return waiting.isEmpty() && sentences.isEmpty() && (windowAdded || inFlight + sentencesInFlight == 0);
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
            // a failure while embedding sentences leaves every passage's vector in: nothing this caller waits for
            if (failure != null && pending() > 0) {
                throw new IllegalStateException("embedding stopped with " + pending() + " passages waiting for vectors: "
                        + failure.getMessage() + "; they are embedded at the next start", failure);
            }
            progress.accept(pending());
        }
    }

    /**
     * Blocks until no passage and no sentence waits, reporting how many sentences wait about twice a second;
     * throws if the embedder failed.
     */
    void awaitSentences(IntConsumer progress) throws InterruptedException {
        synchronized (this) {
            while (pending() + pendingSentences() > 0 && failure == null && !closing) {
                progress.accept(pendingSentences());
                wait(500);
            }
            if (failure != null) {
                throw new IllegalStateException("embedding stopped with " + pending() + " passages and "
                        + pendingSentences() + " sentences waiting for vectors: " + failure.getMessage()
                        + "; they are embedded at the next start", failure);
            }
            progress.accept(pendingSentences());
        }
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    private void run() {
        long lastCommit = System.nanoTime();
        while (true) {
            List<Pending> window = new ArrayList<>(WINDOW);
            List<SentencePending> sentenceWindow = new ArrayList<>(SENTENCE_WINDOW);
            synchronized (this) {
                while (((waiting.isEmpty() && sentences.isEmpty()) || holds > 0) && !closing) {
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
                while (it.hasNext() && window.size() < passageWindow) {
                    window.add(it.next());
                    it.remove();
                }
                inFlight = window.size();
                // sentences only once every passage has its vector
                Iterator<SentencePending> st = sentences.values().iterator();
                while (window.isEmpty() && st.hasNext() && sentenceWindow.size() < SENTENCE_WINDOW) {
                    sentenceWindow.add(st.next());
                    st.remove();
                }
                sentencesInFlight = sentenceWindow.size();
            }
            try {
                boolean drained;
                if (window.isEmpty()) {
                    index.embedSentencesAndAdd(sentenceWindow, this::isClosing);
                    synchronized (this) {
                        windowAdded = true; // a sentence it stopped before is back in the backlog
                        drained = waiting.isEmpty() && sentences.isEmpty();
                    }
                } else {
                    int n = index.embedAndAdd(window);
                    synchronized (this) {
                        windowAdded = true;
                        embedded += n;
                        passageWindow = Math.min(WINDOW, passageWindow * 2);
                        // the last passage window commits at once: retrieval's vectors should not wait on sentences
                        drained = waiting.isEmpty();
                    }
                }
                if (drained || System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
                    index.commit();
                    lastCommit = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("embedding failed, {} passages and {} sentences wait for the next start: {}", pending(),
                        pendingSentences(), e.toString());
                synchronized (this) {
                    // put the window back so the count stays true; a restart finds them again anyway
                    window.forEach(p -> waiting.putIfAbsent(p.passageId(), p));
                    sentenceWindow.forEach(p -> sentences.putIfAbsent(p.key(), p));
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    inFlight = 0;
                    sentencesInFlight = 0;
                    notifyAll();
                }
                return;
            } finally {
                synchronized (this) {
                    inFlight = 0;
                    sentencesInFlight = 0;
                    windowAdded = false;
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
        int sentencesLeft = pendingSentences();
        if (left > 0 || sentencesLeft > 0) {
            LOG.info("{} passages and {} sentences wait for vectors; they are embedded at the next start", left, sentencesLeft);
        }
    }
}
