package io.momentum.server.checkins;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/POST /api/v1/objectives/{id}/comments}: objective-level check-in comments, newest
 * first, and {@code GET /api/v1/objectives/{id}/comments/{commentId}}: one comment, where the
 * {@code Location} of a new comment points.
 */
public final class CommentRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(CommentRoutes.class);
  /** Longest comment, as for check-in notes. */
  static final int MAX_BODY = 2000;
  private static final String COLUMNS = "id, objective_id, author_id, author, body, created_at";

  private final Pool pool;

  public CommentRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/objectives/:id/comments").handler(this::listComments);
    router.post("/api/v1/objectives/:id/comments").handler(this::addComment);
    router.get("/api/v1/objectives/:id/comments/:commentId").handler(this::getComment);
  }

  private void listComments(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = CheckInRoutes.pathId(ctx, "Objective");
    QueryParams query = new QueryParams(ctx);
    Long after = Cursors.id(query, "after");
    int limit = query.limit();
    query.finish();
    requireObjective(caller.orgId(), id)
        .compose(v -> pool.preparedQuery("SELECT " + COLUMNS + " FROM objective_comments WHERE org_id = $1 AND objective_id = $2"
                + " AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
            .execute(Tuple.of(caller.orgId(), id, after, limit + 1)))
        .map(rows -> Cursors.page(rows, limit, CommentRoutes::comment))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void addComment(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = CheckInRoutes.pathId(ctx, "Objective");
    BodyReader body = BodyReader.of(ctx);
    String text = body.text("body", MAX_BODY, true);
    body.finish();
    requireObjective(caller.orgId(), id)
        .compose(v -> pool.preparedQuery("INSERT INTO objective_comments (org_id, objective_id, author_id, author, body)"
                + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
            .execute(Tuple.of(caller.orgId(), id, caller.userId(), caller.name(), text)))
        .onSuccess(rows -> {
          JsonObject comment = comment(rows.iterator().next());
          LOG.info("Comment {} added to objective {} of organisation {} by {}", comment.getString("id"), id, caller.orgId(),
              caller.source());
          ctx.response().setStatusCode(201)
              .putHeader("Location", "/api/v1/objectives/" + id + "/comments/" + comment.getString("id"));
          ctx.json(comment);
        })
        .onFailure(ctx::fail);
  }

  private void getComment(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = CheckInRoutes.pathId(ctx, "Objective");
    String commentParam = ctx.pathParam("commentId");
    long commentId = commentId(commentParam);
    requireObjective(caller.orgId(), id)
        .compose(v -> pool.preparedQuery("SELECT " + COLUMNS + " FROM objective_comments WHERE org_id = $1 AND objective_id = $2"
                + " AND id = $3")
            .execute(Tuple.of(caller.orgId(), id, commentId)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Comment " + commentParam + " of objective " + id))
            : Future.succeededFuture(comment(rows.iterator().next())))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Parses a comment id, a positive whole number. Any other value names no comment, so it gets a 404. */
  private static long commentId(String value) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Falls through to the 404 below.
    }
    throw ApiException.notFound("Comment " + value);
  }

  private Future<Void> requireObjective(String orgId, UUID id) {
    return pool.preparedQuery("SELECT 1 FROM objectives WHERE org_id = $1 AND id = $2").execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Objective " + id)) : Future.succeededFuture());
  }

  private static JsonObject comment(Row row) {
    return new JsonObject()
        .put("id", String.valueOf(row.getLong("id")))
        .put("objectiveId", row.getUUID("objective_id").toString())
        .put("authorId", row.getUUID("author_id") == null ? null : row.getUUID("author_id").toString())
        .put("author", row.getString("author"))
        .put("body", row.getString("body"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }
}
