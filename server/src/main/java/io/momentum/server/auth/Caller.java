package io.momentum.server.auth;

import io.momentum.server.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Who sent a request: a person logged in with a session, or a service with an API token. Every
 * query a request makes is scoped to {@link #orgId()}.
 *
 * @param kind {@code user} or {@code token}
 * @param id the user id or the token id
 */
public record Caller(String kind, String id, String orgId, String name, String email, List<String> scopes) {

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
        principal.getString("name"), principal.getString("email"), scopes);
  }

  /** Returns the principal stored with the session or attached to the request. */
  public JsonObject toPrincipal() {
    return new JsonObject()
        .put("kind", kind)
        .put("id", id)
        .put("orgId", orgId)
        .put("name", name)
        .put("email", email)
        .put("scopes", new JsonArray(scopes));
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

  /** Returns the id of the person behind the request, or null for an API token. */
  public java.util.UUID userId() {
    return "user".equals(kind) ? java.util.UUID.fromString(id) : null;
  }

  /** Returns a short description for logs and event sources, such as {@code urn:momentum:user:<id>}. */
  public String source() {
    return "urn:momentum:" + kind + ":" + id;
  }
}
