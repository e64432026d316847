package dev.briefing.knowledge.index;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
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

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The article index: one Lucene index on disk holding, per article, a document with the whole article
 * (so a restart reloads it without re-reading or re-embedding) and one document per passage with its
 * analyzed text for BM25 and its bge-small embedding for k-nearest-neighbour search. Writes are
 * committed by the caller in batches, so a crash leaves the last committed state, which opens and answers.
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
    static final String SCHEMA = "2";
    private static final String SCHEMA_KEY = "briefing.schema";

    static final String TYPE = "type";
    static final String ARTICLE_ID = "article_id";
    static final String PASSAGE_ID = "passage_id";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String JSON = "json";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final EmbeddingModel embedder;
    private final Analyzer analyzer = new NewsAnalyzer();
    private final Map<String, Article> articles = new ConcurrentHashMap<>();
    private final Map<String, Passage> passages = new ConcurrentHashMap<>();

    private LuceneIndex(Directory directory, IndexWriter writer, EmbeddingModel embedder) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.embedder = embedder;
        this.searchers = new SearcherManager(writer, null);
    }

    /** A read-only index over the last commit another process made; {@link #put} and the like refuse. */
    private LuceneIndex(Directory directory, DirectoryReader reader, EmbeddingModel embedder) throws IOException {
        this.directory = directory;
        this.writer = null;
        this.embedder = embedder;
        this.searchers = new SearcherManager(reader, null);
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
            index.load();
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
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
            index = new LuceneIndex(directory, writer, embedder);
            index.load();
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

    private static String schemaOf(Directory directory) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(directory)) {
            return r.getIndexCommit().getUserData().get(SCHEMA_KEY);
        }
    }

    private void load() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            TopDocs all = s.search(new TermQuery(new Term(TYPE, "article")), Integer.MAX_VALUE);
            for (ScoreDoc sd : all.scoreDocs) {
                Article a = ArticleCodec.decode(s.storedFields().document(sd.doc).get(JSON));
                remember(a);
            }
        } finally {
            searchers.release(s);
        }
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

    /** Adds an article, replacing any earlier version with the same id; embeds its passages. */
    public void put(Article a) throws IOException {
        List<TextSegment> segments = a.passages().stream().map(p -> TextSegment.from(p.text())).toList();
        List<Embedding> vectors = segments.isEmpty() ? List.of() : embedder.embedAll(segments).content();
        List<Document> docs = new ArrayList<>();
        Document article = new Document();
        article.add(new StringField(TYPE, "article", Field.Store.NO));
        article.add(new StringField(ARTICLE_ID, a.id(), Field.Store.YES));
        article.add(new StoredField(JSON, ArticleCodec.encode(a)));
        docs.add(article);
        for (int i = 0; i < a.passages().size(); i++) {
            Passage p = a.passages().get(i);
            Document d = new Document();
            d.add(new StringField(TYPE, "passage", Field.Store.NO));
            d.add(new StringField(ARTICLE_ID, a.id(), Field.Store.NO));
            d.add(new StringField(PASSAGE_ID, p.id(), Field.Store.YES));
            d.add(new TextField(TEXT, p.text(), Field.Store.NO));
            d.add(new KnnFloatVectorField(VECTOR, vectors.get(i).vector(), VectorSimilarityFunction.COSINE));
            docs.add(d);
        }
        writer().updateDocuments(new Term(ARTICLE_ID, a.id()), docs);
        forget(a.id());
        remember(a);
    }

    /** Drops an article and its passages. */
    public void remove(String articleId) throws IOException {
        writer().deleteDocuments(new Term(ARTICLE_ID, articleId));
        forget(articleId);
    }

    /** Makes every change so far durable and visible; a crash after this loses nothing before it. */
    public void commit() throws IOException {
        writer().commit();
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
     * BM25 over passages for the given analyzed terms; a term no passage holds is searched fuzzily (edit
     * distance 1, or 2 from seven letters), so "Ablyazov" still finds "Abliasov".
     */
    public List<Hit> bm25(Collection<String> terms, Set<String> fuzzy, int k) {
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
            Query clause = fuzzy.contains(t)
                    ? new FuzzyQuery(new Term(TEXT, t), t.length() >= 7 ? 2 : 1, 1)
                    : new TermQuery(new Term(TEXT, t));
            q.add(clause, BooleanClause.Occur.SHOULD);
        }
        q.add(new TermQuery(new Term(TYPE, "passage")), BooleanClause.Occur.FILTER);
        return search(q.build(), k);
    }

    /** The passages whose embeddings are nearest the question's. */
    public List<Hit> nearest(float[] vector, int k) {
        return search(new KnnFloatVectorQuery(VECTOR, vector, k), k);
    }

    /** Embeds a question with the instruction bge-small was trained with for queries. */
    public float[] embedQuery(String question) {
        return embedder.embed("Represent this sentence for searching relevant passages: " + question).content().vector();
    }

    /** Embeds texts as documents (no query instruction), in one batch. */
    public List<float[]> embedDocuments(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        embedder.embedAll(texts.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList())
                .content().forEach(e -> out.add(e.vector()));
        return out;
    }

    private List<Hit> search(Query q, int k) {
        IndexSearcher s = acquire();
        try {
            s.setSimilarity(new BM25Similarity(BM25_K1, BM25_B));
            TopDocs top = s.search(q, k);
            Map<String, Hit> hits = new LinkedHashMap<>();
            int rank = 1;
            for (ScoreDoc sd : top.scoreDocs) {
                String id = s.storedFields().document(sd.doc, Set.of(PASSAGE_ID)).get(PASSAGE_ID);
                if (id != null && passages.containsKey(id) && !hits.containsKey(id)) {
                    hits.put(id, new Hit(id, rank++, sd.score));
                }
            }
            return new ArrayList<>(hits.values());
        } catch (IOException e) {
            throw new UncheckedIOException("searching the index failed", e);
        } finally {
            release(s);
        }
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
        searchers.close();
        if (writer != null) {
            writer.close();
        }
        directory.close();
    }
}
