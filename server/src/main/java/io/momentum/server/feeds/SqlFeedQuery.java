package io.momentum.server.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the query of a SQL feed before it is saved: it must be one {@code SELECT} or
 * {@code WITH} query without a semicolon, a data-changing or schema-changing keyword, a
 * {@code SELECT INTO} or a locking clause. Keywords inside string literals, dollar-quoted
 * strings, quoted identifiers and comments do not count.
 *
 * <p>This check explains a rejected query at save time, but it is not the safety net. Every run executes
 * the query in a {@code READ ONLY} transaction, and the source's database user should itself be
 * allowed to read only.
 */
final class SqlFeedQuery {

  /** Maximum length of a query, in characters. */
  static final int MAX_LENGTH = 20_000;

  /** Words that start or belong to a statement other than a plain read. */
  private static final Set<String> FORBIDDEN = Set.of("insert", "update", "delete", "merge", "upsert", "create", "alter",
      "drop", "truncate", "grant", "revoke", "copy", "call", "do", "lock", "vacuum", "analyze", "cluster", "reindex",
      "refresh", "comment", "security", "listen", "notify", "prepare", "execute", "deallocate", "discard", "set",
      "reset", "begin", "commit", "rollback", "savepoint", "into", "import", "load");

  private SqlFeedQuery() {
  }

  /** A reason the query is rejected: a stable code and an English message naming the fix. */
  record Problem(String code, String message) {
  }

  /** Returns why the query is rejected, or null when it is one read-only query. */
  static Problem check(String query) {
    if (query.length() > MAX_LENGTH) {
      return new Problem("too_long", "is " + query.length() + " characters long; the limit is " + MAX_LENGTH);
    }
    List<String> words = new ArrayList<>();
    String problem = words(query, words);
    if (problem != null) {
      return new Problem("query_syntax", problem);
    }
    if (words.isEmpty()) {
      return new Problem("not_select", "contains no statement; write one SELECT or WITH query");
    }
    if (!List.of("select", "with").contains(words.get(0))) {
      return new Problem("not_select", "starts with " + words.get(0).toUpperCase(Locale.ROOT)
          + "; a SQL feed runs one SELECT or WITH query and changes nothing");
    }
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals(";")) {
        return new Problem("semicolon", "contains a semicolon; write exactly one query and leave out the final semicolon");
      }
      if (word.equals("for") && i + 1 < words.size()
          && List.of("update", "share", "no", "key").contains(words.get(i + 1))) {
        return new Problem("not_read_only", "contains a locking clause (FOR UPDATE or FOR SHARE); a SQL feed only reads");
      }
      if (FORBIDDEN.contains(word)) {
        return new Problem("not_read_only", "contains " + word.toUpperCase(Locale.ROOT) + "; a SQL feed runs one SELECT"
            + " or WITH query that changes nothing. Quote a column of that name as an identifier, such as \""
            + word + "\"");
      }
    }
    return null;
  }

  /**
   * Adds the lower-cased unquoted words and the semicolons of the query to {@code words}, and
   * returns an error message when a literal, identifier or comment is never closed.
   */
  private static String words(String query, List<String> words) {
    int i = 0;
    int length = query.length();
    while (i < length) {
      char c = query.charAt(i);
      if (c == '-' && i + 1 < length && query.charAt(i + 1) == '-') {
        int end = query.indexOf('\n', i);
        i = end < 0 ? length : end + 1;
      } else if (c == '/' && i + 1 < length && query.charAt(i + 1) == '*') {
        i = skipBlockComment(query, i);
        if (i < 0) {
          return "has a /* comment that is never closed";
        }
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(query, i, c, c == '\'' && escapeString(query, i));
        if (i < 0) {
          return "has a " + (c == '\'' ? "string literal" : "quoted identifier") + " that is never closed";
        }
      } else if (c == '$' && dollarTag(query, i) != null) {
        String tag = dollarTag(query, i);
        int end = query.indexOf(tag, i + tag.length());
        if (end < 0) {
          return "has a dollar-quoted string " + tag + " that is never closed";
        }
        i = end + tag.length();
      } else if (c == ';') {
        words.add(";");
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < length && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_'
            || query.charAt(i) == '$')) {
          i++;
        }
        words.add(query.substring(start, i).toLowerCase(Locale.ROOT));
      } else {
        i++;
      }
    }
    return null;
  }

  /** Returns the index after a block comment that starts at {@code start}, or -1; PostgreSQL nests them. */
  private static int skipBlockComment(String query, int start) {
    int depth = 0;
    int i = start;
    while (i + 1 < query.length()) {
      if (query.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (query.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  /**
   * Returns the index after a literal or identifier quoted with {@code quote}, or -1. A doubled
   * quote is part of it, and so is a quote after a backslash in an escape string ({@code E'...'}).
   */
  private static int skipQuoted(String query, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < query.length()) {
      if (backslashEscapes && query.charAt(i) == '\\') {
        i += 2;
        continue;
      }
      if (query.charAt(i) == quote) {
        if (i + 1 < query.length() && query.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  /** Returns true when the quote at {@code start} opens an escape string: it follows a lone {@code E} or {@code e}. */
  private static boolean escapeString(String query, int start) {
    if (start == 0 || Character.toLowerCase(query.charAt(start - 1)) != 'e') {
      return false;
    }
    return start == 1 || !(Character.isLetterOrDigit(query.charAt(start - 2)) || query.charAt(start - 2) == '_');
  }

  /** Returns the tag (such as {@code $body$} or {@code $$}) of a dollar-quoted string at {@code start}, or null. */
  private static String dollarTag(String query, int start) {
    if (start > 0 && (Character.isLetterOrDigit(query.charAt(start - 1)) || query.charAt(start - 1) == '_')) {
      return null;
    }
    int i = start + 1;
    while (i < query.length() && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
      if (i == start + 1 && Character.isDigit(query.charAt(i))) {
        return null;
      }
      i++;
    }
    return i < query.length() && query.charAt(i) == '$' ? query.substring(start, i + 1) : null;
  }
}
