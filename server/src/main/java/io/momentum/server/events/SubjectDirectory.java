package io.momentum.server.events;

import io.momentum.server.auth.ScopedNode;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Looks up the nodes that event subjects (keys or ids) name, in one query per request. */
public final class SubjectDirectory {

  private static final String LOOKUP = """
      SELECT nk.key, nk.node_id, nk.kind, kr.measurement, kr.milestones, g.kind AS node_kind, g.unit_id
      FROM node_keys nk LEFT JOIN key_results kr ON kr.id = nk.node_id
        LEFT JOIN goal_nodes g ON g.id = nk.node_id AND g.org_id = nk.org_id
      WHERE nk.org_id = $1 AND (nk.key = ANY($2) OR nk.node_id::text = ANY($2))""";

  /**
   * Facts of a node that ingest validation reads.
   *
   * @param scoped the node as a token's scope check reads it: its kind as the REST API spells it
   *     (objectives may be strategic outcomes) and its unit
   */
  public record NodeInfo(String id, String key, NodeKind kind, Measurement measurement, List<MilestoneDef> milestones,
                         ScopedNode scoped) {
  }

  private final Pool pool;

  public SubjectDirectory(Pool pool) {
    this.pool = pool;
  }

  /** Completes with the nodes found, keyed by both their key and their id. */
  public Future<Map<String, NodeInfo>> resolve(String orgId, Collection<String> subjects) {
    if (subjects.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(LOOKUP).execute(Tuple.tuple().addString(orgId).addArrayOfString(subjects.toArray(String[]::new)))
        .map(rows -> {
          Map<String, NodeInfo> found = new HashMap<>();
          for (Row row : rows) {
            String measurement = row.getString("measurement");
            NodeInfo info = new NodeInfo(row.getUUID("node_id").toString(), row.getString("key"),
                NodeKind.fromWire(row.getString("kind")),
                measurement == null ? null : Measurement.fromWire(measurement),
                milestones(row.getValue("milestones")),
                new ScopedNode(row.getUUID("node_id"), row.getString("key"),
                    row.getString("node_kind") == null ? row.getString("kind") : row.getString("node_kind"),
                    row.getUUID("unit_id")));
            found.put(info.key(), info);
            found.put(info.id(), info);
          }
          return found;
        });
  }

  private static List<MilestoneDef> milestones(Object value) {
    List<MilestoneDef> result = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        JsonObject m = array.getJsonObject(i);
        result.add(new MilestoneDef(m.getString("id"), m.getString("title"), null, m.getBoolean("done", false)));
      }
    }
    return result;
  }
}
