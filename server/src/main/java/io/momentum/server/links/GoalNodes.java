package io.momentum.server.links;

import io.momentum.server.auth.ScopedNode;
import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Looks up live goal nodes of any kind (the {@code goal_nodes} view) for links and impact chains. */
final class GoalNodes {

  private GoalNodes() {
  }

  /** A live node: id, key, kind and title. */
  record Node(UUID id, String key, String kind, String title, UUID unitId) {

    ScopedNode scoped() {
      return new ScopedNode(id, key, kind, unitId);
    }


    JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("key", key).put("kind", kind).put("title", title);
    }
  }

  /** Completes with the live node of the organisation, or fails with a 400 on {@code field}. */
  static Future<Node> require(SqlClient client, String orgId, UUID id, String field) {
    return client.preparedQuery("SELECT id, key, kind, title, unit_id FROM goal_nodes WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.invalid(field, "unknown_reference", "names no objective, key result, KPI or initiative of your organisation", null))
            : Future.succeededFuture(node(rows.iterator().next())));
  }

  static Node node(Row row) {
    return new Node(row.getUUID("id"), row.getString("key"), row.getString("kind"), row.getString("title"),
        row.getUUID("unit_id"));
  }
}
