package io.momentum.server.links;

import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.goals.Ids;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contribution links: the {@code from} node also helps the {@code to} node, beside its single
 * parent, across teams and many to many. They are shown with both nodes and never rolled up.
 * Either end is an objective, strategic outcome, key result, KPI or initiative of the caller's
 * organisation; links whose ends are archived are left out.
 */
public final class Contributions {

  private static final Logger LOG = LoggerFactory.getLogger(Contributions.class);
  private static final int MAX_NOTE = 2000;
  /** Maximum number of links listed with one node in its GET response. */
  private static final int MAX_ATTACHED = 200;

  private static final String LINK_SELECT = LinkRows.select("contribution_links", "");

  private final Pool pool;
  private final EventPublisher publisher;

  public Contributions(Pool pool, EventPublisher publisher) {
    this.pool = pool;
    this.publisher = publisher;
  }

  public void mount(Router router) {
    router.get("/api/v1/contributions").handler(this::list);
    router.post("/api/v1/contributions").handler(this::create);
    router.delete("/api/v1/contributions/:fromId/:toId").handler(this::delete);
  }

  /**
   * Adds the node's live contribution links to its JSON: {@code contributesTo} (the nodes it
   * helps) and {@code contributions} (the nodes that help it), each as {@code {id, key, kind,
   * title, note}}.
   */
  public static Future<JsonObject> attach(SqlClient client, String orgId, JsonObject node) {
    UUID id = UUID.fromString(node.getString("id"));
    return client.preparedQuery(LINK_SELECT + " AND (l.from_id = $2 OR l.to_id = $2) ORDER BY cursor LIMIT " + MAX_ATTACHED)
        .execute(Tuple.of(orgId, id))
        .map(rows -> {
          JsonArray contributesTo = new JsonArray();
          JsonArray contributions = new JsonArray();
          for (Row row : rows) {
            boolean outgoing = row.getUUID("from_id").equals(id);
            (outgoing ? contributesTo : contributions).add(LinkRows.end(row, outgoing ? "to" : "from")
                .put("note", row.getString("note")));
          }
          return node.put("contributesTo", contributesTo).put("contributions", contributions);
        });
  }

  private void list(RoutingContext ctx) {
    LinkRows.list(ctx, pool, LINK_SELECT, Contributions::link);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    UUID fromId = body.uuid("fromId", true);
    UUID toId = body.uuid("toId", true);
    String note = body.text("note", MAX_NOTE, false);
    if (fromId != null && fromId.equals(toId)) {
      body.reject("toId", "self_link", "is the same node as fromId; a node cannot contribute to itself", null);
    }
    body.finish();
    pool.withTransaction(connection -> GoalNodes.require(connection, caller.orgId(), fromId, "fromId")
            .compose(from -> GoalNodes.require(connection, caller.orgId(), toId, "toId").map(to -> {
              caller.requireNodeAccess(from.scoped());
              caller.requireNodeAccess(to.scoped());
              return to;
            }))
            .compose(to -> connection.preparedQuery("INSERT INTO contribution_links (org_id, from_id, to_id, note, created_by)"
                    + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(caller.orgId(), fromId, toId, note, caller.source())))
            .compose(inserted -> inserted.rowCount() == 0
                ? Future.failedFuture(ApiException.conflict("link_exists",
                    "This contribution link exists already; delete it first to change its note", null))
                : connection.preparedQuery(LINK_SELECT + " AND l.from_id = $2 AND l.to_id = $3").execute(Tuple.of(caller.orgId(), fromId, toId))))
        .map(rows -> link(rows.iterator().next()))
        .compose(json -> publisher.linksChanged(caller.orgId()).map(json))
        .onSuccess(json -> {
          LOG.info("Contribution link {} -> {} created in organisation {}", fromId, toId, caller.orgId());
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/contributions/" + fromId + "/" + toId);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID fromId = Ids.path(ctx, "fromId");
    UUID toId = Ids.path(ctx, "toId");
    pool.preparedQuery("DELETE FROM contribution_links WHERE org_id = $1 AND from_id = $2 AND to_id = $3")
        .execute(Tuple.of(caller.orgId(), fromId, toId))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(ApiException.notFound("Contribution link " + fromId + " -> " + toId))
            : publisher.linksChanged(caller.orgId()))
        .onSuccess(v -> {
          LOG.info("Contribution link {} -> {} deleted in organisation {}", fromId, toId, caller.orgId());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject link(Row row) {
    return LinkRows.withEnds(new JsonObject(), row);
  }
}
