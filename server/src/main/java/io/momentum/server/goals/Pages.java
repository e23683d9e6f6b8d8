package io.momentum.server.goals;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Keyset pagination over rows ordered by {@code key}: a page is {@code {"items": [...],
 * "nextCursor": "<last key>" | null}}, and the next page is asked for with {@code after=<cursor>}.
 */
public final class Pages {

  private Pages() {
  }

  /**
   * Runs {@code sql}, which must end with {@code ORDER BY key LIMIT $n} where {@code $n} is the last
   * parameter, and maps the rows of one page.
   */
  public static Future<JsonObject> page(SqlClient pool, String sql, Tuple params, int limit, Function<Row, JsonObject> mapper) {
    return page(pool, sql, params, limit, mapper, row -> row.getString("key"));
  }

  /**
   * Like {@link #page(SqlClient, String, Tuple, int, Function)} for rows ordered by another unique
   * text: {@code cursor} reads it from a row, and the next page starts after it.
   */
  public static Future<JsonObject> page(SqlClient pool, String sql, Tuple params, int limit, Function<Row, JsonObject> mapper,
                                        Function<Row, String> cursor) {
    params.addInteger(limit + 1);
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      JsonArray items = new JsonArray();
      String last = null;
      int count = 0;
      for (Row row : rows) {
        if (count++ == limit) {
          break;
        }
        items.add(mapper.apply(row));
        last = cursor.apply(row);
      }
      return new JsonObject().put("items", items).put("nextCursor", rows.size() > limit ? last : null);
    });
  }

  /** Runs a query expected to return one row and maps it, or fails with 404 naming {@code what}. */
  public static Future<JsonObject> one(SqlClient pool, String sql, Tuple params, String what, Function<Row, JsonObject> mapper) {
    return pool.preparedQuery(sql).execute(params).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiException.notFound(what))
        : Future.succeededFuture(mapper.apply(rows.iterator().next())));
  }
}
