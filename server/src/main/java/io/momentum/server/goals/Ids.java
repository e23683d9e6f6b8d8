package io.momentum.server.goals;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Checks of ids in paths and bodies, always within the caller's organisation. */
public final class Ids {

  private Ids() {
  }

  /** Reads an id path parameter; an invalid one answers 404, since no such resource can exist. */
  public static UUID path(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "not_found", "\"" + value + "\" is not an id; ids look like 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69");
    }
  }

  /**
   * Fails with a 400 on {@code field} unless {@code table} holds {@code id} in the organisation.
   * The table name comes from code, never from input.
   */
  public static Future<Void> requireInOrg(SqlClient pool, String table, String orgId, UUID id, String field, String what) {
    return pool.preparedQuery("SELECT 1 FROM " + table + " WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.invalid(field, "unknown_reference", "names no " + what + " of your organisation", null))
            : Future.succeededFuture());
  }

  /**
   * Like {@link #requireInOrg}, but an archived row counts as missing too. The table must have an
   * {@code archived_at} column.
   */
  public static Future<Void> requireLive(SqlClient client, String table, String orgId, UUID id, String field, String what) {
    return client.preparedQuery("SELECT 1 FROM " + table + " WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.invalid(field, "unknown_reference", "names no " + what + " of your organisation", null))
            : Future.succeededFuture());
  }
}
