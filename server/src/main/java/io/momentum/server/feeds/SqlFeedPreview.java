package io.momentum.server.feeds;

import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;

/** Response of a SQL feed preview: the first rows as the query returned them and what each would become. */
final class SqlFeedPreview {

  /** Most rows a preview reads. */
  static final int ROWS = 20;

  private SqlFeedPreview() {
  }

  /**
   * Returns {@code {"columns", "rows", "more"}}; each row has its {@code row} number, its cells as
   * {@code values} (numbers and booleans as JSON values, everything else as text), the
   * {@code mapped} KPI, value and time when the row is valid, and its {@code errors}.
   */
  static JsonObject toJson(SqlFeedSource.Result result, SqlFeedRows.Read read, List<FieldError> errors) {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < result.rows().size(); i++) {
      Row row = result.rows().get(i);
      int number = i + 1;
      JsonObject values = new JsonObject();
      for (int column = 0; column < row.size(); column++) {
        values.put(result.columns().get(column), cell(row.getValue(column)));
      }
      JsonArray rowErrors = new JsonArray();
      errors.stream().filter(error -> error.params().getInteger("row", -1) == number)
          .forEach(error -> rowErrors.add(error.toJson()));
      FeedEntry entry = read.entries().get(i);
      JsonObject mapped = rowErrors.isEmpty()
          ? new JsonObject().put("kpi", entry.kpi()).put("value", entry.value().toPlainString()).put("time", entry.time().toString())
          : null;
      rows.add(new JsonObject().put("row", number).put("values", values).put("mapped", mapped).put("errors", rowErrors));
    }
    return new JsonObject()
        .put("columns", new JsonArray(result.columns()))
        .put("rows", rows)
        .put("more", result.more());
  }

  private static Object cell(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short) {
      return value;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d : d.toString();
    }
    return value.toString();
  }
}
