package io.momentum.server.assist.drafts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An in-memory Lucene index of OKR texts ranked by BM25. Every entry is indexed twice, once
 * through the English and once through the German analyzer, and a search reads the field of the
 * request's language. Searching is thread-safe; building and searching do CPU work, so callers
 * run them on a worker thread.
 */
public final class OkrIndex {

  /** One indexed text; {@code language} limits it to searches in that language, or is null for any language. */
  public record Entry(String id, String language, String text) {
  }

  /** A search result: the entry's id, its BM25 score and the query terms it contains. */
  public record Hit(String id, float score, Set<String> matchedTerms) {
  }

  /** Most distinct query terms one search uses; Lucene's default clause limit is 1024. */
  static final int MAX_QUERY_TERMS = 400;

  private static final String ID = "id";
  private static final String LANGUAGE = "language";
  private static final String ANY_LANGUAGE = "*";

  private final IndexSearcher searcher;
  private final Map<String, String> texts;
  private final long bytes;

  private OkrIndex(IndexSearcher searcher, Map<String, String> texts, long bytes) {
    this.searcher = searcher;
    this.texts = texts;
    this.bytes = bytes;
  }

  /** Builds an index of {@code entries}; ids must be unique. */
  public static OkrIndex build(List<Entry> entries) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(OkrText.ANALYZER).setSimilarity(new BM25Similarity());
    Map<String, String> texts = new HashMap<>();
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (Entry entry : entries) {
        if (texts.put(entry.id(), entry.text()) != null) {
          throw new IllegalArgumentException("The id " + entry.id() + " is indexed twice");
        }
        Document document = new Document();
        document.add(new StringField(ID, entry.id(), Field.Store.YES));
        document.add(new StringField(LANGUAGE, entry.language() == null ? ANY_LANGUAGE : entry.language(), Field.Store.NO));
        for (String language : OkrText.LANGUAGES) {
          document.add(new TextField(language, entry.text(), Field.Store.NO));
        }
        writer.addDocument(document);
      }
      writer.commit();
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
      searcher.setSimilarity(new BM25Similarity());
      return new OkrIndex(searcher, Map.copyOf(texts), bytes(directory));
    } catch (IOException e) {
      // ByteBuffersDirectory keeps everything on the heap, so this means a Lucene defect.
      throw new UncheckedIOException("Building an in-memory OKR index failed", e);
    }
  }

  /**
   * Returns up to {@code max} entries that match {@code text} in {@code language}, best first.
   * Entries limited to another language are left out.
   */
  public List<Hit> search(String language, String text, int max) {
    return search(language, text, max, Set.of());
  }

  /**
   * Returns up to {@code max} entries that match {@code text} in {@code language}, best first,
   * leaving out entries limited to another language and those whose id is in {@code excluded}.
   */
  public List<Hit> search(String language, String text, int max, Set<String> excluded) {
    Set<String> queryTerms = OkrText.terms(language, text);
    if (queryTerms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    queryTerms.stream().limit(MAX_QUERY_TERMS)
        .forEach(term -> terms.add(new TermQuery(new Term(language, term)), BooleanClause.Occur.SHOULD));
    BooleanQuery languages = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(LANGUAGE, language)), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term(LANGUAGE, ANY_LANGUAGE)), BooleanClause.Occur.SHOULD)
        .build();
    BooleanQuery.Builder query = new BooleanQuery.Builder()
        .add(terms.build(), BooleanClause.Occur.MUST)
        .add(languages, BooleanClause.Occur.FILTER);
    if (!excluded.isEmpty()) {
      query.add(new TermInSetQuery(ID, excluded.stream().map(BytesRef::new).toList()), BooleanClause.Occur.MUST_NOT);
    }
    try {
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc scoreDoc : searcher.search(query.build(), max).scoreDocs) {
        String id = searcher.storedFields().document(scoreDoc.doc).get(ID);
        Set<String> matched = OkrText.terms(language, texts.get(id));
        matched.retainAll(queryTerms);
        hits.add(new Hit(id, scoreDoc.score, matched));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("Searching an in-memory OKR index failed", e);
    }
  }

  /**
   * Returns the inverse document frequency of an analyzed {@code term} in the {@code language}
   * field, as BM25 computes it: rare terms weigh more than common ones.
   */
  public double idf(String language, String term) {
    try {
      IndexReader reader = searcher.getIndexReader();
      int docFreq = reader.docFreq(new Term(language, term));
      return Math.log(1 + (reader.numDocs() - docFreq + 0.5) / (docFreq + 0.5));
    } catch (IOException e) {
      throw new UncheckedIOException("Reading term statistics of an in-memory OKR index failed", e);
    }
  }

  private static long bytes(ByteBuffersDirectory directory) throws IOException {
    long total = 0;
    for (String file : directory.listAll()) {
      total += directory.fileLength(file);
    }
    return total;
  }

  /** Returns the number of indexed entries. */
  public int size() {
    return texts.size();
  }

  /** Returns the length of the index files, in bytes; they are held on the heap. */
  public long bytes() {
    return bytes;
  }
}
