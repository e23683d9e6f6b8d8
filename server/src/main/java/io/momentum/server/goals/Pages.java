package io.momentum.server.goals;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Keyset pagination over rows ordered by {@code key}: a page is {@code {"items": [...],
 * "nextCursor": "<last key>" | null}}, and the next page is asked for with {@code after=<cursor>}.
 */
final class Pages {

  private Pages() {
  }

  /**
   * Runs {@code sql}, which must end with {@code ORDER BY key LIMIT $n} where {@code $n} is the last
   * parameter, and maps the rows of one page.
   */
  static Future<JsonObject> page(Pool pool, String sql, Tuple params, int limit, Function<Row, JsonObject> mapper) {
    params.addInteger(limit + 1);
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      JsonArray items = new JsonArray();
      String lastKey = null;
      int count = 0;
      for (Row row : rows) {
        if (count++ == limit) {
          break;
        }
        JsonObject item = mapper.apply(row);
        items.add(item);
        lastKey = item.getString("key");
      }
      return new JsonObject().put("items", items).put("nextCursor", rows.size() > limit ? lastKey : null);
    });
  }

  /** Runs a query expected to return one row and maps it, or fails with 404 naming {@code what}. */
  static Future<JsonObject> one(Pool pool, String sql, Tuple params, String what, Function<Row, JsonObject> mapper) {
    return pool.preparedQuery(sql).execute(params).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiException.notFound(what))
        : Future.succeededFuture(mapper.apply(rows.iterator().next())));
  }
}
