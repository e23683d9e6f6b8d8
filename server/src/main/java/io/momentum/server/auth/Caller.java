package io.momentum.server.auth;

import io.momentum.server.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who sent a request: a person logged in with a session, or a service with an API token. Every
 * query a request makes is scoped to {@link #orgId()}.
 *
 * @param kind {@code user} or {@code token}
 * @param id the user id or the token id
 * @param scopes the stored scopes: {@code read}, {@code write}, {@code admin} and a token's unit and kind entries
 * @param scope the units and node kinds a token is limited to; {@link TokenScope#UNRESTRICTED} for people
 */
public record Caller(String kind, String id, String orgId, String name, String email, List<String> scopes,
                     TokenScope scope) {

  /** Creates a caller whose unit grant, if any, has not been resolved: it then reaches no unit at all. */
  public Caller(String kind, String id, String orgId, String name, String email, List<String> scopes) {
    this(kind, id, orgId, name, email, scopes, TokenScope.fromPrincipal(scopes, null));
  }

  /** Returns the caller of an authenticated request. */
  public static Caller of(RoutingContext ctx) {
    User user = ctx.user();
    if (user == null) {
      throw new ApiException(401, "unauthenticated", "Log in, or send an API token as \"Authorization: Bearer <token>\"");
    }
    return fromPrincipal(user.principal());
  }

  /** Reads a caller from a Vert.x user principal. */
  public static Caller fromPrincipal(JsonObject principal) {
    List<String> scopes = new ArrayList<>();
    JsonArray array = principal.getJsonArray("scopes", new JsonArray());
    array.forEach(s -> scopes.add(String.valueOf(s)));
    return new Caller(principal.getString("kind"), principal.getString("id"), principal.getString("orgId"),
        principal.getString("name"), principal.getString("email"), scopes,
        TokenScope.fromPrincipal(scopes, principal.getJsonArray("unitsInScope")));
  }

  /** Returns the principal stored with the session or attached to the request. */
  public JsonObject toPrincipal() {
    return new JsonObject()
        .put("kind", kind)
        .put("id", id)
        .put("orgId", orgId)
        .put("name", name)
        .put("email", email)
        .put("scopes", new JsonArray(scopes))
        .put("unitsInScope", scope.unitsInScopeJson());
  }

  /** Throws 403 unless the caller may change data. */
  public void requireWrite() {
    if (!scopes.contains("write")) {
      throw ApiException.forbidden("This API token is read-only; create a token with the write scope");
    }
  }

  /**
   * Throws 403 unless the caller administers the organisation: a person whose role is
   * {@code admin}, or an API token with the {@code admin} scope.
   */
  public void requireAdmin() {
    if (!scopes.contains("admin")) {
      throw ApiException.forbidden("Only an administrator of the organisation may do this: log in as an administrator"
          + " (POST /api/v1/auth/login) and send the session cookie it sets, or send an API token with the admin"
          + " scope. Tokens created under Settings > API tokens have the read and write scopes only");
    }
  }

  /** Returns true when the caller is a token limited to some units or node kinds. */
  public boolean restricted() {
    return scope.restricted();
  }

  /** Returns true when the caller may see a node of {@code kind} in {@code unitId}. */
  public boolean canRead(UUID unitId, String kind) {
    return scope.allows(unitId, kind);
  }

  /**
   * Throws 403 unless the caller may change or feed {@code node}: always for people and
   * unrestricted tokens, and for a restricted token when the node's unit and kind are in its scope.
   */
  public void requireNodeAccess(ScopedNode node) {
    if (!scope.allows(node.unitId(), node.kind())) {
      throw outOfScope(node);
    }
  }

  /** Throws 404 when a restricted token may not see {@code node}, so that the response does not reveal that it exists. */
  public void requireVisible(ScopedNode node, String what) {
    if (!scope.allows(node.unitId(), node.kind())) {
      throw ApiException.notFound(what);
    }
  }

  /**
   * Throws 403 for a token limited to units or node kinds: such tokens may not do {@code action}
   * because it reaches beyond single nodes (units, cycles, settings, people, tokens, organisation-wide reads).
   */
  public void requireUnrestricted(String action) {
    if (scope.restricted()) {
      throw tokenRestricted(action);
    }
  }

  /** Returns the 403 for a restricted token that tries {@code action}, naming what the token allows. */
  public ApiException tokenRestricted(String action) {
    return new ApiException(403, "token_restricted", "This API token is limited to " + scope.describe()
        + ", so it may not " + action + "; use a token without a unit or node kind limit", List.of(),
        new JsonObject().put("allowed", scope.toJson()));
  }

  /** Returns the 403 for a change to {@code node} outside the caller's scope, naming the node and what the token allows. */
  public ApiException outOfScope(ScopedNode node) {
    List<String> reasons = new ArrayList<>();
    if (!scope.allowsKind(node.kind())) {
      reasons.add("is not among the token's node kinds " + scope.kinds());
    }
    if (!scope.allowsUnit(node.unitId())) {
      reasons.add(node.unitId() == null
          ? "belongs to no unit, but the token is limited to units " + scope.units() + " with their sub-units"
          : "belongs to unit " + node.unitId() + ", outside the token's units " + scope.units() + " and their sub-units");
    }
    return new ApiException(403, "out_of_scope", "The " + node.label() + " " + String.join(" and ", reasons)
        + "; use a token whose scope covers it", List.of(),
        new JsonObject()
            .put("node", new JsonObject().put("id", node.id() == null ? null : node.id().toString()).put("key", node.key())
                .put("kind", node.kind()).put("unitId", node.unitId() == null ? null : node.unitId().toString()))
            .put("allowed", scope.toJson()));
  }

  /** Returns the id of the person behind the request, or null for an API token. */
  public java.util.UUID userId() {
    return "user".equals(kind) ? java.util.UUID.fromString(id) : null;
  }

  /** Returns a short description for logs and event sources, such as {@code urn:momentum:user:<id>}. */
  public String source() {
    return "urn:momentum:" + kind + ":" + id;
  }
}
