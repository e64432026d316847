package dev.briefing.knowledge.index;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.embed.ContentHash;
import dev.briefing.knowledge.embed.EmbedsEachAlone;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The article index: one Lucene index on disk holding, per article, a document with the whole article
 * (so a restart reloads it without re-reading or re-embedding), one document per passage with its analyzed
 * text for BM25, one document per embedded passage with its vector for k-nearest-neighbour search, and one
 * document per embedded sentence with its vector in doc values (found by content hash, never searched), so a
 * question asked for the first time embeds only itself.
 *
 * <p>Searchable at once, vectors after: {@link #put} writes an article's text and passages for BM25 straight
 * away and hands the passages to a background {@link VectorBacklog}, which embeds them and adds their vector
 * documents as they come. A passage whose text (by {@link ContentHash}) already has a vector in the index, in
 * this article's previous version or any other article, gets that vector without embedding. Whatever still
 * waits at a restart is found again on open (passages without a vector document) and embedded then, unless the
 * last commit says nothing waited ({@link #commit()}).
 *
 * <p>Once no passage waits, the backlog embeds every sentence alone, as the answerer does at question time
 * ({@link #embedDocuments}), so a stored sentence vector is the very one the answerer would compute. A new
 * version of an article keeps its unchanged sentences' vectors; sentences without a vector document are found
 * again on open.
 *
 * <p>A hit reads its passage id from doc values, not from stored fields, whose compressed blocks also hold
 * the whole article's JSON. Writes are committed by the caller in batches (and by the backlog as vectors
 * arrive), so a crash leaves the last committed state, which opens and answers.
 */
public final class LuceneIndex implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);

    /** BM25 as Lucene defines it: k1 = 1.2 (term-frequency saturation), b = 0.75 (length normalisation). */
    static final float BM25_K1 = 1.2f;
    static final float BM25_B = 0.75f;

    /**
     * The layout and analysis of the index. An index written with another schema is rebuilt from the articles
     * on open, rather than searched with terms it was not analyzed with.
     */
    static final String SCHEMA = "3";
    private static final String SCHEMA_KEY = "briefing.schema";
    /**
     * Present in a commit's user data when every passage and sentence it holds has its vector: the next open
     * then skips looking for what still waits, a scan of every sentence key (181 MB of garbage and about a second
     * at 5,000 articles).
     */
    private static final String VECTORS_KEY = "briefing.vectors";
    private static final String ALL_IN = "all in";
    /**
     * Sentences of a window embedded in one call (each alone, shared between this thread and the model's
     * helpers) between checks whether the index is closing: a closing process waits for a few sentences' work.
     */
    private static final int SENTENCES_AT_ONCE = 8;

    /** What a document is: one of {@link Kind}'s values. */
    static final String TYPE = "type";

    /** The kinds of document the index holds, each under its {@link #TYPE} value. */
    enum Kind {
        ARTICLE, PASSAGE, SENTENCE, VECTOR;

        /** The value of the {@link #TYPE} field ("article"). */
        final String value = name().toLowerCase(Locale.ROOT);

        /** The term that finds every document of this kind. */
        Term term() {
            return new Term(TYPE, value);
        }
    }

    static final String ARTICLE_ID = "article_id";
    static final String PASSAGE_ID = "passage_id";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String HASH = "hash";
    static final String JSON = "json";
    /** A sentence document's key, passage id and sentence number ({@link VectorBacklog.SentencePending#key()}). */
    static final String SENTENCE = "sentence";
    /** A sentence document's vector, little-endian floats: kept out of {@link #VECTOR}, which retrieval searches. */
    static final String SENTENCE_VECTOR = "sentence_vector";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final EmbeddingModel embedder;
    private final Analyzer analyzer = new NewsAnalyzer();
    private final Map<String, Article> articles = new ConcurrentHashMap<>();
    private final Map<String, Passage> passages = new ConcurrentHashMap<>();
    /** Guards writes that must see the in-memory articles and the writer agree: put, remove, adding vectors. */
    private final Object writeLock = new Object();
    private final VectorBacklog backlog;
    private final HashCachedEmbeddingModel cachedEmbedder;

    private LuceneIndex(Directory directory, IndexWriter writer, EmbeddingModel embedder) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.embedder = embedder;
        this.searchers = new SearcherManager(writer, null);
        this.backlog = new VectorBacklog(this);
        this.cachedEmbedder = new HashCachedEmbeddingModel(embedder, this::storedVectors);
    }

    /** A read-only index over the last commit another process made; {@link #put} and the like refuse. */
    private LuceneIndex(Directory directory, DirectoryReader reader, EmbeddingModel embedder) throws IOException {
        this.directory = directory;
        this.writer = null;
        this.embedder = embedder;
        this.searchers = new SearcherManager(reader, null);
        // never started: a reader adds no vectors, the writing process does
        this.backlog = new VectorBacklog(this);
        this.cachedEmbedder = new HashCachedEmbeddingModel(embedder, this::storedVectors);
    }

    /**
     * Opens the last commit of the index in {@code dir} for reading only, without the write lock, so a process
     * can search an index that another one (the bot's {@code run}) holds for writing. Nothing is repaired:
     * a missing, damaged or other-schema index is reported as an {@link IOException}.
     */
    public static LuceneIndex openReadOnly(Path dir, EmbeddingModel embedder) throws IOException {
        Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = null;
        LuceneIndex index = null;
        try {
            reader = DirectoryReader.open(directory);
            String schema = reader.getIndexCommit().getUserData().get(SCHEMA_KEY);
            if (!SCHEMA.equals(schema)) {
                throw new IOException("the index in " + dir + " has schema " + schema + ", not " + SCHEMA
                        + "; it is rebuilt by the next process that opens it for writing");
            }
            index = new LuceneIndex(directory, reader, embedder);
            index.load(ALL_IN.equals(reader.getIndexCommit().getUserData().get(VECTORS_KEY)));
            return index;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(index == null ? reader : index.searchers, directory);
            throw e;
        }
    }

    /** Whether this index was opened for reading only ({@link #openReadOnly}). */
    public boolean readOnly() {
        return writer == null;
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("the index is open for reading only");
        }
        return writer;
    }

    /**
     * Opens the index in {@code dir}, creating it when missing, and loads the stored articles. The index is
     * derived data: one that is damaged (a file missing or truncated) is emptied, with one line in the log, and
     * the caller's next sync rebuilds it from the articles.
     */
    public static LuceneIndex open(Path dir, EmbeddingModel embedder) throws IOException {
        try {
            return open(dir, embedder, false);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                 | NoSuchFileException | FileNotFoundException e) {
            LOG.warn("the index in {} is damaged ({}); rebuilding it from the articles", dir, e.getMessage());
            clear(dir);
            return open(dir, embedder, true);
        }
    }

    private static LuceneIndex open(Path dir, EmbeddingModel embedder, boolean create) throws IOException {
        Directory directory = FSDirectory.open(dir);
        IndexWriter writer = null;
        LuceneIndex index = null;
        try {
            boolean current = !create && (!DirectoryReader.indexExists(directory) || SCHEMA.equals(schemaOf(directory)));
            IndexWriterConfig config = new IndexWriterConfig(new NewsAnalyzer())
                    .setOpenMode(current ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE)
                    .setSimilarity(new BM25Similarity(BM25_K1, BM25_B))
                    .setCommitOnClose(true);
            writer = new IndexWriter(directory, config);
            boolean allIn = current && ALL_IN.equals(userData(writer).get(VECTORS_KEY));
            writer.setLiveCommitData(commitData(false));
            index = new LuceneIndex(directory, writer, embedder);
            index.load(allIn);
            index.backlog.start();
            return index;
        } catch (IOException | RuntimeException e) {
            // let go of the files and the write lock, so the rebuild (or another process) can take them
            IndexWriter opened = writer;
            IOUtils.closeWhileHandlingException(index == null ? null : index.searchers,
                    opened == null ? null : opened::rollback, directory);
            throw e;
        }
    }

    /** Deletes every file of a damaged index under its write lock; Lucene cannot always read past the damage. */
    private static void clear(Path dir) throws IOException {
        try (Directory directory = FSDirectory.open(dir);
             Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            for (String file : directory.listAll()) {
                if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                    directory.deleteFile(file);
                }
            }
        }
    }

    /** The user data of the commit the writer opened on (before any is set). */
    private static Map<String, String> userData(IndexWriter writer) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> last = writer.getLiveCommitData();
        if (last != null) {
            last.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    private static Iterable<Map.Entry<String, String>> commitData(boolean allIn) {
        return (allIn ? Map.of(SCHEMA_KEY, SCHEMA, VECTORS_KEY, ALL_IN) : Map.of(SCHEMA_KEY, SCHEMA)).entrySet();
    }

    private static String schemaOf(Directory directory) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(directory)) {
            return r.getIndexCommit().getUserData().get(SCHEMA_KEY);
        }
    }

    /** Reads the stored articles and, unless the last commit says every vector is in, queues what still waits. */
    private void load(boolean allIn) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            TopDocs all = s.search(new TermQuery(Kind.ARTICLE.term()), Integer.MAX_VALUE);
            // One StoredFields for the whole load, not one per document: each new one sets up a reader per segment
            // and starts with no decompressed block, so reading 5,000 articles that way took seconds.
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : all.scoreDocs) {
                Article a = ArticleCodec.decode(stored.document(sd.doc).get(JSON));
                remember(a);
            }
            if (allIn) {
                return;
            }
            // passages and sentences a crash or an early exit left without a vector wait again
            Set<String> embedded = passageIdsWithVectors(s);
            Set<String> sentencesIn = sentenceKeysWithVectors(s);
            for (Article a : articles.values()) {
                for (Passage p : a.passages()) {
                    if (!embedded.contains(p.id())) {
                        backlog.add(new VectorBacklog.Pending(p.id(), a.id(), ContentHash.of(p.text()), p.text()));
                    }
                    for (int i = 0; i < p.sentences().size(); i++) {
                        if (!sentencesIn.contains(VectorBacklog.SentencePending.key(p.id(), i))) {
                            backlog.add(new VectorBacklog.SentencePending(p.id(), a.id(), i));
                        }
                    }
                }
            }
        } finally {
            searchers.release(s);
        }
    }

    private static Set<String> passageIdsWithVectors(IndexSearcher s) throws IOException {
        Set<String> ids = new HashSet<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            FloatVectorValues vectors = leaf.reader().getFloatVectorValues(VECTOR);
            SortedDocValues passageIds = leaf.reader().getSortedDocValues(PASSAGE_ID);
            if (vectors == null || passageIds == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = vectors.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = vectors.nextDoc()) {
                if ((live == null || live.get(doc)) && passageIds.advanceExact(doc)) {
                    ids.add(passageIds.lookupOrd(passageIds.ordValue()).utf8ToString());
                }
            }
        }
        return ids;
    }

    private static Set<String> sentenceKeysWithVectors(IndexSearcher s) throws IOException {
        Set<String> keys = new HashSet<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            SortedDocValues values = leaf.reader().getSortedDocValues(SENTENCE);
            if (values == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live == null || live.get(doc)) {
                    keys.add(values.lookupOrd(values.ordValue()).utf8ToString());
                }
            }
        }
        return keys;
    }

    private void remember(Article a) {
        articles.put(a.id(), a);
        for (Passage p : a.passages()) {
            passages.put(p.id(), p);
        }
    }

    private void forget(String articleId) {
        Article old = articles.remove(articleId);
        if (old != null) {
            old.passages().forEach(p -> passages.remove(p.id()));
        }
    }

    /**
     * Adds an article, replacing any earlier version with the same id. Its passages are searchable by BM25 once
     * committed; a passage whose text already has a vector in the index gets it now, the others wait in the
     * backlog for the background embedder.
     */
    public void put(Article a) throws IOException {
        Article old = articles.get(a.id());
        if (old != null && old.passages().equals(a.passages())) {
            replaceArticleDocument(a);
            return;
        }
        List<String> hashes = a.passages().stream().map(p -> ContentHash.of(p.text())).toList();
        Map<String, float[]> known = storedVectors(new HashSet<>(hashes));
        // A new version keeps the vectors of its unchanged sentences, looked up before the old version's documents
        // go. A new article's sentences all wait: the backlog looks each up by hash before embedding it (a wire
        // copy's are found then), which spares a fresh ingest a lookup per sentence.
        boolean replacing = articles.containsKey(a.id());
        Map<String, float[]> knownSentences = Map.of();
        if (replacing) {
            Set<String> sentenceHashes = new HashSet<>();
            a.passages().forEach(p -> p.sentences().forEach(sp -> sentenceHashes.add(ContentHash.of(p.sentenceText(sp)))));
            knownSentences = storedVectors(sentenceHashes);
        }
        List<Document> docs = new ArrayList<>();
        docs.add(articleDocument(a));
        List<VectorBacklog.Pending> waiting = new ArrayList<>();
        List<VectorBacklog.SentencePending> waitingSentences = new ArrayList<>();
        for (int i = 0; i < a.passages().size(); i++) {
            Passage p = a.passages().get(i);
            Document d = new Document();
            d.add(new StringField(TYPE, Kind.PASSAGE.value, Field.Store.NO));
            d.add(new StringField(ARTICLE_ID, a.id(), Field.Store.NO));
            d.add(new SortedDocValuesField(PASSAGE_ID, new BytesRef(p.id())));
            d.add(new TextField(TEXT, p.text(), Field.Store.NO));
            docs.add(d);
            float[] vector = known.get(hashes.get(i));
            if (vector != null) {
                docs.add(vectorDocument(a.id(), p.id(), hashes.get(i), vector));
            } else {
                waiting.add(new VectorBacklog.Pending(p.id(), a.id(), hashes.get(i), p.text()));
            }
            for (int j = 0; j < p.sentences().size(); j++) {
                float[] sv = replacing ? knownSentences.get(ContentHash.of(p.sentenceText(p.sentences().get(j)))) : null;
                if (sv != null) {
                    docs.add(sentenceDocument(a.id(), p, j, sv));
                } else {
                    waitingSentences.add(new VectorBacklog.SentencePending(p.id(), a.id(), j));
                }
            }
        }
        synchronized (writeLock) {
            writer().updateDocuments(new Term(ARTICLE_ID, a.id()), docs);
            discardWaiting(articles.get(a.id()));
            forget(a.id());
            remember(a);
            waiting.forEach(backlog::add);
            waitingSentences.forEach(backlog::add);
        }
    }

    /**
     * A new version whose passages are the old ones to the character (a new way of reading files found another
     * date or title, or only the date line changed): its passage, sentence and vector documents stay as they are,
     * and only the article's own document is replaced. Re-adding them would rebuild each vector's place in the
     * nearest-neighbour graph on the sync's thread: re-reading 5,000 unchanged articles took 67 s that way, 19 s
     * this way.
     */
    private void replaceArticleDocument(Article a) throws IOException {
        Query own = new BooleanQuery.Builder()
                .add(new TermQuery(Kind.ARTICLE.term()), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(ARTICLE_ID, a.id())), BooleanClause.Occur.FILTER)
                .build();
        synchronized (writeLock) {
            writer().updateDocuments(own, List.of(articleDocument(a)));
            forget(a.id());
            remember(a);
        }
    }

    private static Document articleDocument(Article a) {
        Document article = new Document();
        article.add(new StringField(TYPE, Kind.ARTICLE.value, Field.Store.NO));
        article.add(new StringField(ARTICLE_ID, a.id(), Field.Store.NO));
        article.add(new StoredField(JSON, ArticleCodec.encode(a)));
        return article;
    }

    /** Takes an article's passages and sentences out of the backlog; {@code old} may be null. */
    private void discardWaiting(Article old) {
        if (old == null) {
            return;
        }
        for (Passage p : old.passages()) {
            backlog.discard(p.id());
            for (int i = 0; i < p.sentences().size(); i++) {
                backlog.discard(new VectorBacklog.SentencePending(p.id(), old.id(), i));
            }
        }
    }

    /**
     * A sentence's vector, found by its content hash like a passage's ({@link #storedVectors}) but outside the
     * k-nearest-neighbour field, so retrieval still searches passages alone.
     */
    private static Document sentenceDocument(String articleId, Passage p, int sentence, float[] vector) {
        Document d = new Document();
        d.add(new StringField(TYPE, Kind.SENTENCE.value, Field.Store.NO));
        d.add(new StringField(ARTICLE_ID, articleId, Field.Store.NO));
        d.add(new SortedDocValuesField(SENTENCE, new BytesRef(VectorBacklog.SentencePending.key(p.id(), sentence))));
        d.add(new StringField(HASH, ContentHash.of(p.sentenceText(p.sentences().get(sentence))), Field.Store.NO));
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        d.add(new BinaryDocValuesField(SENTENCE_VECTOR, new BytesRef(bytes.array())));
        return d;
    }

    private static float[] decodeVector(BytesRef b) {
        float[] v = new float[b.length / Float.BYTES];
        ByteBuffer.wrap(b.bytes, b.offset, b.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static Document vectorDocument(String articleId, String passageId, String hash, float[] vector) {
        Document d = new Document();
        d.add(new StringField(TYPE, Kind.VECTOR.value, Field.Store.NO));
        d.add(new StringField(ARTICLE_ID, articleId, Field.Store.NO));
        d.add(new SortedDocValuesField(PASSAGE_ID, new BytesRef(passageId)));
        d.add(new StringField(HASH, hash, Field.Store.NO));
        d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        return d;
    }

    /**
     * The vectors the index already holds for these content hashes (at most one each), as of the last refresh:
     * a passage's (k-nearest-neighbour field) or a sentence's (doc values). This is the persistent side of the
     * hash cache: it survives restarts and serves any text, not only passages and sentences.
     */
    Map<String, float[]> storedVectors(Set<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        IndexSearcher s = acquire();
        try {
            // Each hash's first live document, as a search for its term would rank it (all score alike, so the
            // lowest document wins), found by walking each segment's postings: a question looks up 20 to 90
            // sentences, and a search apiece (rewrite, weight, collector) cost more than the look-up itself.
            Map<String, float[]> out = new HashMap<>();
            Set<String> seen = new HashSet<>();
            PostingsEnum postings = null;
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(HASH);
                if (terms == null) {
                    continue;
                }
                TermsEnum te = terms.iterator();
                Bits live = leaf.reader().getLiveDocs();
                for (String h : hashes) {
                    if (seen.contains(h) || !te.seekExact(new BytesRef(h))) {
                        continue;
                    }
                    postings = te.postings(postings, PostingsEnum.NONE);
                    int doc = postings.nextDoc();
                    while (doc != DocIdSetIterator.NO_MORE_DOCS && live != null && !live.get(doc)) {
                        doc = postings.nextDoc();
                    }
                    if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                        continue;
                    }
                    seen.add(h);
                    float[] v = vectorAt(leaf, doc);
                    if (v != null) {
                        out.put(h, v);
                    }
                }
                if (seen.size() == hashes.size()) {
                    break;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading stored vectors failed", e);
        } finally {
            release(s);
        }
    }

    /** The vector a document of a segment holds: a passage's (k-nearest-neighbour field) or a sentence's (doc values). */
    private static float[] vectorAt(LeafReaderContext leaf, int local) throws IOException {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        if (values != null && values.advance(local) == local) {
            return values.vectorValue().clone();
        }
        BinaryDocValues sentences = leaf.reader().getBinaryDocValues(SENTENCE_VECTOR);
        if (sentences != null && sentences.advanceExact(local)) {
            return decodeVector(sentences.binaryValue());
        }
        return null;
    }

    /**
     * Embeds a window of waiting passages and adds their vectors: texts are embedded once per content hash, and
     * a hash the index already holds is not embedded at all. A passage that changed or went away while it was
     * being embedded is skipped (its new text waits in the backlog). Called by the backlog's worker only.
     *
     * @return how many distinct texts were embedded (the rest were found by hash)
     */
    int embedAndAdd(List<VectorBacklog.Pending> window) throws IOException {
        // the searcher was refreshed after the last window, so the lookup sees every vector added before this one
        Map<String, String> textByHash = new LinkedHashMap<>();
        window.forEach(p -> textByHash.putIfAbsent(p.hash(), p.text()));
        Map<String, float[]> vectors = new HashMap<>(storedVectors(textByHash.keySet()));
        List<String> missing = textByHash.keySet().stream().filter(h -> !vectors.containsKey(h)).toList();
        if (!missing.isEmpty()) {
            List<TextSegment> segments = missing.stream().map(h -> TextSegment.from(textByHash.get(h))).toList();
            List<Embedding> embedded = embedder.embedAll(segments).content();
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), embedded.get(i).vector());
            }
        }
        synchronized (writeLock) {
            for (VectorBacklog.Pending p : window) {
                Passage current = passages.get(p.passageId());
                if (current != null && current.text().equals(p.text())) {
                    writer().addDocument(vectorDocument(p.articleId(), p.passageId(), p.hash(), vectors.get(p.hash())));
                    backlog.discard(p);
                }
            }
        }
        searchers.maybeRefreshBlocking();
        return missing.size();
    }

    /**
     * Embeds a window of waiting sentences and adds their vectors. Each text is looked up by content hash first
     * (an unchanged sentence, a wire copy, a one-sentence passage) and otherwise embedded alone, as
     * {@link #embedDocuments} embeds it at question time, so the stored vector is the one the answerer would
     * have computed. A sentence whose passage changed or went away meanwhile is skipped. When {@code stop} turns
     * true (the index is closing) the sentences embedded so far are added and the rest go back to the backlog, so
     * a closing process waits for a few sentences, not a window. Called by the backlog's worker only.
     */
    void embedSentencesAndAdd(List<VectorBacklog.SentencePending> window, BooleanSupplier stop) throws IOException {
        Map<VectorBacklog.SentencePending, String> texts = new LinkedHashMap<>();
        for (VectorBacklog.SentencePending sp : window) {
            Passage p = passages.get(sp.passageId());
            if (p != null && sp.sentence() < p.sentences().size()) {
                texts.put(sp, p.sentenceText(p.sentences().get(sp.sentence())));
            }
        }
        Map<String, String> textByHash = new LinkedHashMap<>();
        texts.values().forEach(t -> textByHash.putIfAbsent(ContentHash.of(t), t));
        Map<String, float[]> vectors = new HashMap<>(storedVectors(textByHash.keySet()));
        List<String> missing = textByHash.keySet().stream().filter(h -> !vectors.containsKey(h)).toList();
        for (int from = 0; from < missing.size() && !stop.getAsBoolean(); from += SENTENCES_AT_ONCE) {
            List<String> chunk = missing.subList(from, Math.min(from + SENTENCES_AT_ONCE, missing.size()));
            // each alone, as HashCachedEmbeddingModel.embedEachAlone embeds an uncached text for the answerer
            List<Embedding> embedded = EmbedsEachAlone.eachAlone(embedder,
                    chunk.stream().map(h -> TextSegment.from(textByHash.get(h))).toList());
            for (int i = 0; i < chunk.size(); i++) {
                vectors.put(chunk.get(i), embedded.get(i).vector());
            }
        }
        synchronized (writeLock) {
            for (Map.Entry<VectorBacklog.SentencePending, String> e : texts.entrySet()) {
                VectorBacklog.SentencePending sp = e.getKey();
                float[] vector = vectors.get(ContentHash.of(e.getValue()));
                if (vector == null) {
                    backlog.add(sp); // stopped before its turn
                    continue;
                }
                Passage current = passages.get(sp.passageId());
                if (current != null && current.articleId().equals(sp.articleId()) && sp.sentence() < current.sentences().size()
                        && current.sentenceText(current.sentences().get(sp.sentence())).equals(e.getValue())) {
                    writer().addDocument(sentenceDocument(sp.articleId(), current, sp.sentence(), vector));
                    backlog.discard(sp);
                }
            }
        }
        searchers.maybeRefreshBlocking();
    }

    /** Drops an article and its passages. */
    public void remove(String articleId) throws IOException {
        synchronized (writeLock) {
            writer().deleteDocuments(new Term(ARTICLE_ID, articleId));
            discardWaiting(articles.get(articleId));
            forget(articleId);
        }
    }

    /**
     * Holds the background embedder (after the window it is on) until the returned handle is closed: for a
     * sync's read, so reading the folder has the cores and the articles answer by BM25 sooner.
     */
    public Hold holdVectors() {
        backlog.hold();
        return backlog::release;
    }

    /** A hold on the background embedder; closing it lets the embedder go on. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Passages that are searchable by BM25 but still wait for their vector. */
    public int pendingVectors() {
        return backlog.pending();
    }

    /** Sentences whose vector is not in the index yet (the answerer embeds such a sentence when a question reaches it). */
    public int pendingSentenceVectors() {
        return backlog.pendingSentences();
    }

    /**
     * Waits until every passage and every sentence has its vector, telling {@code progress} how many sentences
     * still wait (about twice a second).
     *
     * @throws IllegalStateException when the embedder failed (what waits is embedded at the next start)
     */
    public void awaitSentenceVectors(IntConsumer progress) throws InterruptedException {
        backlog.awaitSentences(progress);
    }

    /** Distinct texts embedded by the background embedder since open (the rest were found by content hash). */
    public long embeddedTexts() {
        return backlog.embedded();
    }

    /**
     * Waits until every passage has its vector, telling {@code progress} how many still wait (about twice a
     * second).
     *
     * @throws IllegalStateException when the embedder failed (the passages stay waiting for the next start)
     */
    public void awaitVectors(IntConsumer progress) throws InterruptedException {
        backlog.await(progress);
    }

    /**
     * The embedding model with a content-hash cache in front: a text whose hash the index holds (any passage)
     * or that was embedded lately through this model is not embedded again. For embedding any text, such as
     * a question's candidate sentences.
     */
    public EmbeddingModel embeddingModel() {
        return cachedEmbedder;
    }

    /**
     * Makes every change so far durable and visible; a crash after this loses nothing before it. The commit says
     * whether every passage and sentence in it has its vector, decided under the lock that {@link #put} adds
     * documents and queues their vectors under, so no document can slip in between.
     */
    public void commit() throws IOException {
        synchronized (writeLock) {
            writer().setLiveCommitData(commitData(backlog.allIn()));
            writer().commit();
        }
        searchers.maybeRefreshBlocking();
    }

    public Collection<Article> articles() {
        return articles.values();
    }

    public Optional<Article> article(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    public Optional<Passage> passage(String id) {
        return Optional.ofNullable(passages.get(id));
    }

    public int passageCount() {
        return passages.size();
    }

    /** Analyzes text the way the index does (lower case, English stop words, Porter stems). */
    public List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing in memory cannot fail", e);
        }
        return out;
    }

    /** Term statistics over passages, for weighting question terms. */
    public TermStats termStats() {
        return new TermStats(this::docFreq, passages.size());
    }

    private int docFreq(String term) {
        IndexSearcher s = acquire();
        try {
            return s.getIndexReader().docFreq(new Term(TEXT, term));
        } catch (IOException e) {
            throw new UncheckedIOException("reading term statistics failed", e);
        } finally {
            release(s);
        }
    }

    /**
     * Whether a passage of the article holds the analyzed term: a look-up of two postings lists, no article read,
     * so a question may ask it of every article it meets at any size of folder.
     */
    public boolean articleHolds(String articleId, String term) {
        IndexSearcher s = acquire();
        try {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ARTICLE_ID, articleId)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.FILTER)
                    .build();
            return s.count(q) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the index failed", e);
        } finally {
            release(s);
        }
    }

    /** The most terms one fuzzy clause expands to (FuzzyQuery's own default). */
    static final int FUZZY_EXPANSIONS = FuzzyQuery.defaultMaxExpansions;

    /**
     * BM25 over passages for the given analyzed terms; a term no passage holds is searched fuzzily (edit
     * distance 1, or 2 from seven letters), so "Ablyazov" still finds "Abliasov". Lucene refuses a query of more
     * clauses than {@link IndexSearcher#getMaxClauseCount()}, a fuzzy clause counting each term it expands to, so a
     * question pasted with a page of text would fail; over that budget, half of it goes to the rarest plain terms
     * (which weigh most in BM25) and the rest to the fuzzy ones, each expanding to fewer terms.
     */
    public List<Hit> bm25(Collection<String> terms, Set<String> fuzzy, int k) {
        if (terms.isEmpty()) {
            return List.of();
        }
        int budget = IndexSearcher.getMaxClauseCount();
        List<String> plain = terms.stream().filter(t -> !fuzzy.contains(t)).toList();
        List<String> loose = terms.stream().filter(fuzzy::contains).toList();
        int expansions = FUZZY_EXPANSIONS;
        Collection<String> asked = terms;
        if (plain.size() + (long) loose.size() * FUZZY_EXPANSIONS > budget) {
            asked = new LinkedHashSet<>(terms);
            plain = rarest(plain.stream().distinct().toList(), budget / 2);
            loose = loose.stream().distinct().limit(budget / 2).toList();
            expansions = loose.isEmpty() ? 0 : Math.min(FUZZY_EXPANSIONS, (budget - plain.size()) / loose.size());
        }
        Set<String> keptPlain = new HashSet<>(plain);
        Set<String> keptLoose = new HashSet<>(loose);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : asked) {
            if (keptPlain.contains(t)) {
                q.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
            } else if (keptLoose.contains(t)) {
                q.add(new FuzzyQuery(new Term(TEXT, t), t.length() >= 7 ? 2 : 1, 1, expansions, true),
                        BooleanClause.Occur.SHOULD);
            }
        }
        // Only passage documents have a TEXT field, so this pure disjunction matches passages alone, each holding a
        // term (no type filter needed). Being pure, it lets Lucene skip the blocks of documents that cannot reach
        // the top k (block-max MaxScore), where a conjunction with a type filter scored every passage holding any
        // term: a long quiz question's common words hold most passages of a large folder. Same hits, same scores.
        return search(q.build(), k);
    }

    /** The {@code n} terms fewest passages hold, in their given order; a term none holds, which scores nothing, last. */
    private List<String> rarest(List<String> terms, int n) {
        if (terms.size() <= n) {
            return terms;
        }
        Map<String, Integer> df = new HashMap<>();
        terms.forEach(t -> {
            int d = docFreq(t);
            df.put(t, d == 0 ? Integer.MAX_VALUE : d);
        });
        Set<String> kept = new HashSet<>(terms.stream().sorted(Comparator.comparingInt(df::get)).limit(n).toList());
        return terms.stream().filter(kept::contains).toList();
    }

    /** The passages whose embeddings are nearest the question's. */
    public List<Hit> nearest(float[] vector, int k) {
        return search(new KnnFloatVectorQuery(VECTOR, vector, k), k);
    }

    /** Embeds a question with the instruction bge-small was trained with for queries. */
    public float[] embedQuery(String question) {
        return cachedEmbedder.embed("Represent this sentence for searching relevant passages: " + question).content().vector();
    }

    /**
     * Embeds texts as documents (no query instruction) through the hash-cached model: a text embedded lately, or
     * one the index holds a vector for, is not embedded again. Each text is embedded alone: the quantized model
     * scales its activations per batch, so a text embedded with others gets a vector that depends on them, and a
     * question would be answered a little differently depending on what was asked before it. Alone costs about a
     * fifth more per text ({@link dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel}'s measures); the texts
     * are shared between the caller's thread and the model's helpers.
     */
    public List<float[]> embedDocuments(List<String> texts) {
        return cachedEmbedder.embedEachAlone(texts);
    }

    private List<Hit> search(Query q, int k) {
        IndexSearcher s = acquire();
        try {
            s.setSimilarity(new BM25Similarity(BM25_K1, BM25_B));
            TopDocs top = s.search(q, k);
            String[] ids = passageIds(s, top.scoreDocs);
            Map<String, Hit> hits = new LinkedHashMap<>();
            int rank = 1;
            for (int i = 0; i < top.scoreDocs.length; i++) {
                String id = ids[i];
                if (id != null && passages.containsKey(id) && !hits.containsKey(id)) {
                    hits.put(id, new Hit(id, rank++, top.scoreDocs[i].score));
                }
            }
            return new ArrayList<>(hits.values());
        } catch (IOException e) {
            throw new UncheckedIOException("searching the index failed", e);
        } finally {
            release(s);
        }
    }

    /**
     * The passage ids of hits, read from doc values (a column per segment) rather than stored fields, whose
     * compressed blocks also hold the articles' JSON. Doc values iterate forwards, so hits are visited in doc
     * order, segment by segment; the answer keeps the hits' order.
     */
    static String[] passageIds(IndexSearcher s, ScoreDoc[] hits) throws IOException {
        String[] ids = new String[hits.length];
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        int leafIndex = -1;
        SortedDocValues values = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                leaf = leaves.get(li);
                values = leaf.reader().getSortedDocValues(PASSAGE_ID);
            }
            if (values != null && values.advanceExact(doc - leaf.docBase)) {
                ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
            }
        }
        return ids;
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("the index could not be opened for search", e);
        }
    }

    private void release(IndexSearcher s) {
        try {
            searchers.release(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        // the embedder finishes the window it is on (never interrupted: Lucene must not see an interrupt mid-write)
        backlog.close();
        searchers.close();
        if (writer != null) {
            synchronized (writeLock) {
                writer.setLiveCommitData(commitData(backlog.allIn()));
                writer.close(); // commits
            }
        }
        directory.close();
    }
}
