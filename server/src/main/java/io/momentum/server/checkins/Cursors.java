package io.momentum.server.checkins;

import io.momentum.server.http.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** Query parameters and pages of lists ordered newest first by a numeric id. */
final class Cursors {

  private Cursors() {
  }

  /** Reads a positive whole-number id cursor, or null when absent; an invalid one is recorded in {@code query}. */
  static Long id(QueryParams query, String name) {
    String text = query.text(name);
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    query.reject(name, "must be the nextCursor of the previous page, a positive whole number");
    return null;
  }

  /** Reads an ISO instant such as 2026-10-01T12:00:00Z, or a date meaning its start in UTC; null when absent. */
  static Instant instant(QueryParams query, String name) {
    String text = query.text(name);
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      query.reject(name, "must be an instant such as 2026-10-01T12:00:00Z or a date such as 2026-10-01");
      return null;
    }
  }

  /** Maps one page of rows fetched with {@code LIMIT limit + 1}; the cursor is the last item's {@code id}. */
  static JsonObject page(RowSet<Row> rows, int limit, Function<Row, JsonObject> mapper) {
    JsonArray items = new JsonArray();
    String last = null;
    for (Row row : rows) {
      if (items.size() == limit) {
        break;
      }
      JsonObject item = mapper.apply(row);
      items.add(item);
      last = item.getString("id");
    }
    return new JsonObject().put("items", items).put("nextCursor", rows.size() > limit ? last : null);
  }
}
