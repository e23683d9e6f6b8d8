package io.momentum.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The save-time check of SQL feed queries: what passes as one read-only query and what is rejected with which code. */
class SqlFeedQueryTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "SELECT kpi, amount FROM sales",
      "  with totals AS (SELECT kpi, sum(amount) AS amount FROM sales GROUP BY kpi) SELECT * FROM totals",
      "SELECT 'a;b' AS kpi, 1 AS amount",
      "SELECT 'delete' AS kpi, 1 AS amount",
      "SELECT \"update\" AS kpi, amount FROM sales",
      "SELECT kpi, amount FROM sales -- ; DROP TABLE sales",
      "SELECT kpi, amount /* DELETE; */ FROM sales",
      "SELECT $$;$$ AS kpi, $body$ INSERT $body$ AS note, 1 AS amount",
      "SELECT kpi, amount, last_update FROM sales",
      "SELECT kpi, 'it''s' AS note, 1 AS amount FROM sales",
      "SELECT E'it\\'s; DELETE' AS kpi, 1 AS amount",
      "SELECT kpi, amount FROM sales WHERE note = 'e'"})
  void readOnlyQueryPasses(String query) {
    assertThat(SqlFeedQuery.check(query)).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "DELETE FROM sales | not_select",
      "INSERT INTO sales VALUES ('a', 1) | not_select",
      "TRUNCATE sales | not_select",
      "'' | not_select",
      "-- nothing | not_select",
      "SELECT 1 AS kpi; | semicolon",
      "SELECT 1; DROP TABLE sales | semicolon",
      "WITH gone AS (DELETE FROM sales RETURNING *) SELECT * FROM gone | not_read_only",
      "SELECT * INTO copy FROM sales | not_read_only",
      "SELECT * FROM sales FOR UPDATE | not_read_only",
      "SELECT * FROM sales FOR NO KEY UPDATE | not_read_only",
      "SELECT * FROM sales FOR SHARE | not_read_only",
      "SELECT 'unclosed FROM sales | query_syntax",
      "SELECT 1 /* unclosed | query_syntax",
      "SELECT $x$ unclosed | query_syntax",
      "SELECT E'\\' AS kpi; DELETE FROM sales | query_syntax",
      "SELECT 'a\\' AS kpi; DELETE FROM sales | semicolon"})
  void writingOrBrokenQueryIsRejected(String query, String code) {
    SqlFeedQuery.Problem problem = SqlFeedQuery.check(query);

    assertThat(problem).as(query).isNotNull();
    assertThat(problem.code()).as(query).isEqualTo(code);
  }

  @ParameterizedTest(name = "length {0}")
  @CsvSource({"20001"})
  void longQueryIsRejected(int length) {
    String query = "SELECT 1 AS kpi" + " ".repeat(length - 15);

    assertThat(SqlFeedQuery.check(query).code()).isEqualTo("too_long");
  }
}
