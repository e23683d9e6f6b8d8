package io.momentum.server.people;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.GoalJson;
import io.momentum.server.goals.Pages;
import io.momentum.server.http.QueryParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * {@code GET /api/v1/people}: the users of the caller's organisation, who can own goals. Ordered
 * by e-mail address, which is unique, and paged with {@code after=<last email>}.
 */
public final class PeopleRoutes {

  private final Pool pool;

  public PeopleRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/people").handler(this::list);
  }

  private static JsonObject person(Row row) {
    return new JsonObject()
        .put("id", GoalJson.uuid(row, "id"))
        .put("name", row.getString("name"))
        .put("email", row.getString("email"))
        .put("unitId", GoalJson.uuid(row, "unit_id"));
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT id, name, email, unit_id, lower(email) AS cursor FROM users WHERE org_id = $1"
                + " AND ($2::uuid IS NULL OR unit_id = $2) AND ($3::text IS NULL OR lower(email) > $3)"
                + " ORDER BY lower(email) LIMIT $4",
            Tuple.of(caller.orgId(), unit, after), limit, PeopleRoutes::person, row -> row.getString("cursor"))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
