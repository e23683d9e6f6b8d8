package io.momentum.server.links;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Ids;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Walks the impact chain of a node: {@code up} follows links towards impact (what the node
 * moves), {@code down} follows them backwards towards inputs (what moves the node). The walk runs
 * in PostgreSQL, bounded by {@code depth} links. It returns the nodes reached with their distance
 * (positive up, negative down) and the links between them. Progress, status and the current
 * value come from the live state when the engine has the node, else the current value stored
 * in PostgreSQL.
 */
public final class ImpactChains {

  static final int MAX_DEPTH = 10;
  static final int DEFAULT_DEPTH = 3;
  /** Maximum number of nodes returned; a wider chain is cut and marked {@code truncated}. */
  static final int MAX_NODES = 1000;

  private static final String WALK = """
      WITH RECURSIVE
      up(id, depth) AS (
        SELECT $2::uuid, 0
        UNION
        SELECT l.to_id, up.depth + 1 FROM up
        JOIN impact_links l ON l.org_id = $1 AND l.from_id = up.id
        JOIN goal_nodes n ON n.id = l.to_id AND n.archived_at IS NULL
        WHERE $4 AND up.depth < $3
      ),
      down(id, depth) AS (
        SELECT $2::uuid, 0
        UNION
        SELECT l.from_id, down.depth + 1 FROM down
        JOIN impact_links l ON l.org_id = $1 AND l.to_id = down.id
        JOIN goal_nodes n ON n.id = l.from_id AND n.archived_at IS NULL
        WHERE $5 AND down.depth < $3
      ),
      reached AS (
        SELECT id, min(depth) AS distance FROM up GROUP BY id
        UNION ALL
        SELECT id, -min(depth) FROM down WHERE depth > 0 GROUP BY id
      )
      SELECT n.id, n.key, n.kind, n.title, n.current_value, r.distance
      FROM reached r JOIN goal_nodes n ON n.id = r.id AND n.org_id = $1
      ORDER BY abs(r.distance), n.key
      LIMIT $6""";

  private final Vertx vertx;
  private final Pool pool;
  private final HazelcastInstance hazelcast;

  public ImpactChains(Vertx vertx, Pool pool, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.pool = pool;
    this.hazelcast = hazelcast;
  }

  public void mount(Router router) {
    router.get("/api/v1/impact-chains/:nodeId").handler(this::walk);
  }

  private void walk(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID nodeId = Ids.path(ctx, "nodeId");
    QueryParams query = new QueryParams(ctx);
    String direction = query.text("direction");
    direction = direction == null ? "both" : direction;
    if (!List.of("up", "down", "both").contains(direction)) {
      query.reject("direction", "must be up (towards impact), down (towards inputs) or both, not \"" + direction + "\"");
    }
    int depth = depth(query);
    query.finish();

    boolean up = !"down".equals(direction);
    boolean down = !"up".equals(direction);
    String chosen = direction;
    pool.preparedQuery("SELECT 1 FROM goal_nodes WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(caller.orgId(), nodeId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Node " + nodeId))
            : pool.preparedQuery(WALK).execute(Tuple.from(new Object[] {caller.orgId(), nodeId, depth, up, down, MAX_NODES + 1})))
        .compose(rows -> {
          // The query asks for one row more than the limit, so an extra row marks a cut chain.
          Map<UUID, JsonObject> nodes = new LinkedHashMap<>();
          for (Row row : rows) {
            if (nodes.size() == MAX_NODES) {
              break;
            }
            nodes.put(row.getUUID("id"), new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("key", row.getString("key"))
                .put("kind", row.getString("kind"))
                .put("title", row.getString("title"))
                .put("distance", row.getInteger("distance"))
                .put("current", row.getBigDecimal("current_value")));
          }
          boolean truncated = rows.size() > MAX_NODES;

          return edges(caller.orgId(), nodes)
              .compose(edges -> addLiveValues(caller.orgId(), nodes).map(v -> new JsonObject()
                  .put("root", nodeId.toString())
                  .put("direction", chosen)
                  .put("depth", depth)
                  .put("nodes", new JsonArray(new ArrayList<>(nodes.values())))
                  .put("edges", edges)
                  .put("truncated", truncated)));
        })
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Reads {@code depth}, recording an invalid value on {@code query} so that it is reported with the others. */
  private static int depth(QueryParams query) {
    String text = query.text("depth");
    if (text == null) {
      return DEFAULT_DEPTH;
    }
    try {
      int depth = Integer.parseInt(text);
      if (depth >= 1 && depth <= MAX_DEPTH) {
        return depth;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    query.reject("depth", "must be a whole number from 1 to " + MAX_DEPTH + ", not \"" + text + "\"");
    return DEFAULT_DEPTH;
  }

  /**
   * Loads the links between the reached nodes and gives each node its {@code stages} from them,
   * in chain order, and {@code stage}, the latest of them.
   */
  private Future<JsonArray> edges(String orgId, Map<UUID, JsonObject> nodes) {
    UUID[] ids = nodes.keySet().toArray(UUID[]::new);
    return pool.preparedQuery(ImpactLinks.LINK_SELECT + " AND l.from_id = ANY($2) AND l.to_id = ANY($2) ORDER BY cursor")
        .execute(Tuple.tuple().addString(orgId).addArrayOfUUID(ids))
        .map(rows -> {
          JsonArray edges = new JsonArray();
          Map<UUID, Set<String>> stages = new LinkedHashMap<>();
          for (Row row : rows) {
            edges.add(ImpactLinks.link(row));
            stages.computeIfAbsent(row.getUUID("from_id"), id -> new HashSet<>()).add(row.getString("from_stage"));
            stages.computeIfAbsent(row.getUUID("to_id"), id -> new HashSet<>()).add(row.getString("to_stage"));
          }
          nodes.forEach((id, node) -> {
            TreeSet<String> ordered = new TreeSet<>((a, b) -> ImpactStages.STAGES.indexOf(a) - ImpactStages.STAGES.indexOf(b));
            ordered.addAll(stages.getOrDefault(id, Set.of()));
            node.put("stages", new JsonArray(new ArrayList<>(ordered)));
            node.put("stage", ordered.isEmpty() ? null : ordered.last());
          });
          return edges;
        });
  }

  /** Adds progress, status and the current value from the cluster's live state; reads run on a worker thread. */
  private Future<Void> addLiveValues(String orgId, Map<UUID, JsonObject> nodes) {
    Set<String> keys = new HashSet<>();
    nodes.keySet().forEach(id -> keys.add(orgId + "/" + id));
    return vertx.executeBlocking(() -> {
      IMap<String, String> live = hazelcast.getMap(LiveStateStore.NODES_MAP);
      return live.getAll(keys);
    }).map(values -> {
      nodes.forEach((id, node) -> {
        String text = values.get(orgId + "/" + id);
        JsonObject state = text == null ? null : new JsonObject(text);
        node.put("progress", state == null ? null : state.getValue("progress"));
        node.put("status", state == null ? null : state.getString("status"));
        if (state != null && state.getValue("current") != null) {
          node.put("current", state.getValue("current"));
        }
      });
      return null;
    });
  }
}
