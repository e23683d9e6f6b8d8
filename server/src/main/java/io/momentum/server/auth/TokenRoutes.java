package io.momentum.server.auth;

import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.PathIds;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/POST /api/v1/tokens} and {@code DELETE /api/v1/tokens/{id}}: the organisation's API
 * tokens, for administrators only. A token's text is returned once, in the response that creates
 * it. Lists show its first characters ({@code prefix}) and never its text or hash. A token may be
 * limited to units (each with its sub-units) and to node kinds; {@link TokenScope} describes the
 * limit and {@link ScopeGuard} enforces it.
 */
public final class TokenRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);
  /** Scopes an administrator may grant here. The admin scope is not among them. */
  static final List<String> GRANTABLE_SCOPES = List.of("read", "write");
  /** Upper bound of a list response; revoked tokens count towards it. */
  static final int MAX_LISTED = 1000;
  /** Largest number of units one token may be limited to. */
  static final int MAX_UNITS = 100;
  /**
   * Selects tokens with their granted units. The scopes column contains the array itself, or a JSON
   * string of the array's text, because the client stores a text parameter cast to jsonb as a string.
   * Both forms are read.
   */
  private static final String SELECT = """
      SELECT t.id, t.name, t.token_prefix, t.scopes, t.created_at, t.last_used_at, t.revoked_at,
        t.created_by, u.name AS creator_name,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'key', s.key, 'name', s.name) ORDER BY s.name), '[]')
         FROM units s WHERE s.org_id = t.org_id
           AND 'unit:' || s.id::text IN (SELECT jsonb_array_elements_text(CASE jsonb_typeof(t.scopes)
             WHEN 'string' THEN (t.scopes #>> '{}')::jsonb ELSE t.scopes END))) AS units
      FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by AND u.org_id = t.org_id
      """;
  private static final String KNOWN_UNITS = "SELECT id FROM units WHERE org_id = $1 AND id = ANY($2)";
  private static final String LIST = SELECT
      + " WHERE t.org_id = $1 ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id LIMIT $2";
  private static final String ONE = SELECT + " WHERE t.org_id = $1 AND t.id = $2";

  private final AuthService auth;
  private final Pool pool;

  public TokenRoutes(AuthService auth, Pool pool) {
    this.auth = auth;
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/tokens").handler(this::list);
    router.post("/api/v1/tokens").handler(this::create);
    router.delete("/api/v1/tokens/:id").handler(this::revoke);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    new QueryParams(ctx).finish();
    pool.preparedQuery(LIST).execute(Tuple.of(caller.orgId(), MAX_LISTED))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(token(row)));
          return new JsonObject().put("items", items);
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    BodyReader body = BodyReader.of(ctx);
    String name = body.text("name", 100, true);
    List<String> scopes = readScopes(body);
    List<UUID> units = body.uuids("units", MAX_UNITS, false);
    List<String> kinds = body.subsetOf("kinds", TokenScope.NODE_KINDS, false);
    body.finish();
    requireKnownUnits(caller.orgId(), units)
        .compose(v -> {
          List<String> stored = new java.util.ArrayList<>(scopes);
          stored.addAll(TokenScope.entries(units, kinds));
          return auth.issueToken(caller.orgId(), name, stored, caller.userId());
        })
        .compose(issued -> pool.preparedQuery(ONE).execute(Tuple.of(caller.orgId(), issued.id()))
            .map(rows -> token(rows.iterator().next()).put("token", issued.text())))
        .onSuccess(json -> {
          LOG.info("API token {} named {} created in organisation {} by {}", json.getString("id"), name,
              caller.orgId(), caller.source());
          ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "API token");
    new QueryParams(ctx).finish();
    pool.preparedQuery("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())"
            + " WHERE org_id = $1 AND id = $2 RETURNING id")
        .execute(Tuple.of(caller.orgId(), id))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ApiException.notFound("API token " + id));
            return;
          }
          LOG.info("API token {} of organisation {} revoked by {}", id, caller.orgId(), caller.source());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  /**
   * Fails with 400 naming each id of {@code units} that is no unit of the organisation. A unit of
   * another organisation gets the same response as an id that exists nowhere, so the response reveals
   * nothing about other organisations.
   */
  private Future<Void> requireKnownUnits(String orgId, List<UUID> units) {
    if (units.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(KNOWN_UNITS).execute(Tuple.tuple().addString(orgId).addArrayOfUUID(units.toArray(UUID[]::new))).compose(rows -> {
      Set<UUID> known = new HashSet<>();
      rows.forEach(row -> known.add(row.getUUID("id")));
      List<FieldError> errors = new java.util.ArrayList<>();
      for (int i = 0; i < units.size(); i++) {
        if (!known.contains(units.get(i))) {
          errors.add(FieldError.of("units[" + i + "]", "unknown_unit", "names no unit of your organisation; use the id of"
              + " a unit listed by GET /api/v1/units", new JsonObject().put("value", units.get(i).toString())));
        }
      }
      return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(ApiException.invalid(errors));
    });
  }

  /** Reads {@code scopes}: distinct grantable scopes, {@code read} among them. */
  private static List<String> readScopes(BodyReader body) {
    List<String> scopes = body.subsetOf("scopes", GRANTABLE_SCOPES, true);
    if (!body.rejected("scopes") && !scopes.contains("read")) {
      body.reject("scopes", "read_required", "must contain \"read\" because every request reads; use [\"read\"]"
          + " or [\"read\", \"write\"]", null);
    }
    return scopes;
  }

  /** Returns a token as lists and the create response show it, without its text or hash. */
  static JsonObject token(Row row) {
    List<String> stored = AuthService.scopes(row.getValue("scopes"));
    UUID createdBy = row.getUUID("created_by");
    JsonObject creator = createdBy == null ? null
        : new JsonObject().put("id", createdBy.toString()).put("name", row.getString("creator_name"));
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("prefix", row.getString("token_prefix"))
        .put("scopes", new JsonArray(TokenScope.accessScopes(stored)))
        .put("units", units(row.getValue("units")))
        .put("kinds", new JsonArray(TokenScope.grantedKinds(stored)))
        .put("createdBy", creator)
        .put("createdAt", timestamp(row.getOffsetDateTime("created_at")))
        .put("lastUsedAt", timestamp(row.getOffsetDateTime("last_used_at")))
        .put("revokedAt", timestamp(row.getOffsetDateTime("revoked_at")));
  }

  /** Reads the {@code units} jsonb column, which the client returns as an array or as its text. */
  private static JsonArray units(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
  }

  private static String timestamp(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
