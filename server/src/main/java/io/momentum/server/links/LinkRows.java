package io.momentum.server.links;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Pages;
import io.momentum.server.http.QueryParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Function;

/**
 * Queries and JSON shared by contribution and impact links. A link joins two live goal nodes of
 * one organisation, is listed by either end in key order, and reads as its two ends with a note.
 */
final class LinkRows {

  private LinkRows() {
  }

  /**
   * Returns the query of a link table with both ends joined to live nodes, for organisation
   * {@code $1}. Every row carries {@code from_*}, {@code to_*}, {@code note}, {@code created_by},
   * {@code created_at}, the table's {@code extraColumns} and a key-ordered {@code cursor}.
   */
  static String select(String table, String extraColumns) {
    return "SELECT " + extraColumns + " l.from_id, f.key AS from_key, f.kind AS from_kind, f.title AS from_title,"
        + " l.to_id, t.key AS to_key, t.kind AS to_kind, t.title AS to_title, l.note, l.created_by, l.created_at,"
        + " f.key || '>' || t.key AS cursor FROM " + table + " l"
        + " JOIN goal_nodes f ON f.id = l.from_id AND f.archived_at IS NULL"
        + " JOIN goal_nodes t ON t.id = l.to_id AND t.archived_at IS NULL"
        + " WHERE l.org_id = $1";
  }

  /**
   * Responds to a list request with a page of the caller's links, filtered by the query parameters
   * {@code from}, {@code to} and {@code node} (either end), after the cursor {@code after}.
   */
  static void list(RoutingContext ctx, Pool pool, String select, Function<Row, JsonObject> mapper) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID from = query.uuid("from");
    UUID to = query.uuid("to");
    UUID node = query.uuid("node");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, select + " AND ($2::uuid IS NULL OR l.from_id = $2) AND ($3::uuid IS NULL OR l.to_id = $3)"
                + " AND ($4::uuid IS NULL OR l.from_id = $4 OR l.to_id = $4) AND ($5::text IS NULL OR f.key || '>' || t.key > $5)"
                + " ORDER BY cursor LIMIT $6",
            Tuple.from(new Object[] {caller.orgId(), from, to, node, after}), limit, mapper, row -> row.getString("cursor"))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Adds the two ends, the note, the author and the creation time to {@code json}. */
  static JsonObject withEnds(JsonObject json, Row row) {
    return json
        .put("from", end(row, "from"))
        .put("to", end(row, "to"))
        .put("fromId", row.getUUID("from_id").toString())
        .put("toId", row.getUUID("to_id").toString())
        .put("note", row.getString("note"))
        .put("createdBy", row.getString("created_by"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  /** Returns one end of a link as {@code {id, key, kind, title}}; {@code side} is from or to. */
  static JsonObject end(Row row, String side) {
    return new JsonObject()
        .put("id", row.getUUID(side + "_id").toString())
        .put("key", row.getString(side + "_key"))
        .put("kind", row.getString(side + "_kind"))
        .put("title", row.getString(side + "_title"));
  }
}
