package io.momentum.server.goals;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Owners of goal nodes: users of the caller's organisation. */
public final class Owners {

  /** Maximum length of an owner name kept for display. */
  public static final int MAX_OWNER_NAME = 120;

  private Owners() {
  }

  /**
   * Checks that {@code ownerId} is a user of the organisation and completes with the owner name
   * to store: {@code ownerName} when given, else the user's name. Without an owner id the given
   * name is kept as it is (an owner without an account). Fails with a 400 on {@code ownerId}.
   */
  public static Future<String> resolveName(SqlClient client, String orgId, UUID ownerId, String ownerName) {
    if (ownerId == null) {
      return Future.succeededFuture(ownerName);
    }
    return client.preparedQuery("SELECT name FROM users WHERE org_id = $1 AND id = $2").execute(Tuple.of(orgId, ownerId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.invalid("ownerId", "unknown_reference", "names no user of your organisation; list them with GET /api/v1/people", null))
            : Future.succeededFuture(ownerName != null ? ownerName : rows.iterator().next().getString("name")));
  }
}
