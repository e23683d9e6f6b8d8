package io.momentum.server.links;

import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.goals.Edits;
import io.momentum.server.goals.Ids;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Impact links: typed edges of the impact chain input -> output -> outcome -> impact. A link goes
 * from a node at one stage to a node at the same or a later stage, each stage admits certain
 * kinds of node ({@link ImpactStages}), and a link that would close a loop is rejected with 409.
 * They explain how work moves outcomes; they never roll progress up.
 */
public final class ImpactLinks {

  private static final Logger LOG = LoggerFactory.getLogger(ImpactLinks.class);
  private static final int MAX_NOTE = 2000;

  static final String LINK_SELECT = LinkRows.select("impact_links", "l.id, l.from_stage, l.to_stage,");

  private final Pool pool;
  private final EventPublisher publisher;

  public ImpactLinks(Pool pool, EventPublisher publisher) {
    this.pool = pool;
    this.publisher = publisher;
  }

  public void mount(Router router) {
    router.get("/api/v1/impact-links").handler(this::list);
    router.post("/api/v1/impact-links").handler(this::create);
    router.delete("/api/v1/impact-links/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    LinkRows.list(ctx, pool, LINK_SELECT, ImpactLinks::link);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    UUID fromId = body.uuid("fromId", true);
    String fromStage = body.oneOf("fromStage", ImpactStages.STAGES, true);
    UUID toId = body.uuid("toId", true);
    String toStage = body.oneOf("toStage", ImpactStages.STAGES, true);
    String note = body.text("note", MAX_NOTE, false);
    if (fromId != null && fromId.equals(toId)) {
      body.reject("toId", "self_link", "is the same node as fromId; a link joins two different nodes", null);
    }
    if (fromStage != null && toStage != null && !ImpactStages.ordered(fromStage, toStage)) {
      body.reject("toStage", "stage_order", "must be the same stage as fromStage or a later one (input, output, outcome, impact); "
          + toStage + " comes before " + fromStage, new io.vertx.core.json.JsonObject().put("fromStage", fromStage).put("toStage", toStage));
    }
    body.finish();

    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> GoalNodes.require(connection, caller.orgId(), fromId, "fromId"))
            .compose(from -> GoalNodes.require(connection, caller.orgId(), toId, "toId")
                .compose(to -> {
                  List<io.momentum.streams.event.FieldError> errors = new ArrayList<>();
                  ImpactStages.check("fromStage", fromStage, from.kind()).ifPresent(errors::add);
                  ImpactStages.check("toStage", toStage, to.kind()).ifPresent(errors::add);
                  if (!errors.isEmpty()) {
                    return Future.failedFuture(ApiException.invalid(errors));
                  }
                  return findLoop(connection, caller.orgId(), from, to);
                }))
            .compose(loop -> loop.isEmpty() ? Future.succeededFuture()
                : Future.failedFuture(ApiException.loop("toId", loop)))
            .compose(v -> connection.preparedQuery("INSERT INTO impact_links (id, org_id, from_id, from_stage, to_id, to_stage,"
                    + " note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, from_id, to_id) DO NOTHING")
                .execute(Tuple.from(new Object[] {id, caller.orgId(), fromId, fromStage, toId, toStage, note, caller.source()})))
            .compose(inserted -> inserted.rowCount() == 0
                ? Future.failedFuture(ApiException.conflict("link_exists", "An impact link from this node to that one exists already;"
                    + " delete it first to change its stages", null))
                : connection.preparedQuery(LINK_SELECT + " AND l.id = $2").execute(Tuple.of(caller.orgId(), id))))
        .map(rows -> link(rows.iterator().next()))
        .compose(json -> publisher.linksChanged(caller.orgId()).map(json))
        .onSuccess(json -> {
          LOG.info("Impact link {} ({} -> {}) created in organisation {}", id, fromId, toId, caller.orgId());
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/impact-links/" + id);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Completes with the keys of the loop that a link from {@code from} to {@code to} would close
   * (from, to, ..., from), or an empty list. It walks the live links down from {@code to} and
   * keeps, for each node reached, a node it was reached from, which bounds the walk by the
   * number of links.
   */
  private static Future<List<String>> findLoop(SqlClient client, String orgId, GoalNodes.Node from, GoalNodes.Node to) {
    return client.preparedQuery("""
            WITH RECURSIVE reach(id, via) AS (
              SELECT $2::uuid, NULL::uuid
              UNION
              SELECT l.to_id, l.from_id FROM reach r
              JOIN impact_links l ON l.org_id = $1 AND l.from_id = r.id
              JOIN goal_nodes n ON n.id = l.to_id AND n.archived_at IS NULL
            )
            SELECT r.id, r.via, n.key FROM reach r JOIN goal_nodes n ON n.id = r.id""")
        .execute(Tuple.of(orgId, to.id()))
        .map(rows -> loopPath(rows, from, to));
  }

  private static List<String> loopPath(RowSet<Row> rows, GoalNodes.Node from, GoalNodes.Node to) {
    Map<UUID, UUID> via = new HashMap<>();
    Map<UUID, String> keys = new HashMap<>();
    for (Row row : rows) {
      keys.put(row.getUUID("id"), row.getString("key"));
      if (row.getUUID("via") != null) {
        via.putIfAbsent(row.getUUID("id"), row.getUUID("via"));
      }
    }
    if (!keys.containsKey(from.id())) {
      return List.of();
    }
    List<String> path = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (UUID node = from.id(); node != null && seen.add(node); node = node.equals(to.id()) ? null : via.get(node)) {
      path.add(keys.get(node));
    }
    path.add(from.key());
    Collections.reverse(path);
    return path;
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    pool.preparedQuery("DELETE FROM impact_links WHERE org_id = $1 AND id = $2").execute(Tuple.of(caller.orgId(), id))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(ApiException.notFound("Impact link " + id))
            : publisher.linksChanged(caller.orgId()))
        .onSuccess(v -> {
          LOG.info("Impact link {} deleted in organisation {}", id, caller.orgId());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  static JsonObject link(Row row) {
    return LinkRows.withEnds(new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("fromStage", row.getString("from_stage"))
        .put("toStage", row.getString("to_stage")), row);
  }
}
