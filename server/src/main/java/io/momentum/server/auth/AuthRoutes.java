package io.momentum.server.auth;

import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, logout and the one authentication handler in front of every protected route: an API
 * token in {@code Authorization: Bearer}, or else the person logged in with the session cookie.
 */
public final class AuthRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);

  /** Session key of the caller's principal, read by {@link #authenticateUpgrade} without the session handler. */
  private static final String CALLER_KEY = "momentum.caller";
  private static final String SESSION_COOKIE = "momentum.session";

  private final AuthService auth;
  private final SessionHandler sessions;
  private final SessionStore store;
  private final Pool pool;
  private final JsonObject demoLogin;

  /**
   * @param demoLogin {@code {"email", "password"}} shown on the login page in demo mode, else null
   */
  public AuthRoutes(AuthService auth, SessionStore store, SessionHandler sessions, Pool pool, JsonObject demoLogin) {
    this.auth = auth;
    this.store = store;
    this.sessions = sessions;
    this.pool = pool;
    this.demoLogin = demoLogin;
  }

  /** Routes that need no authentication. */
  public void mountPublic(Router router) {
    router.post("/api/v1/auth/login").handler(this::login);
    router.get("/api/v1/auth/demo").handler(this::demo);
  }

  /** Routes for an authenticated caller. */
  public void mountProtected(Router router) {
    router.get("/api/v1/auth/me").handler(this::me);
    router.post("/api/v1/auth/logout").handler(this::logout);
  }

  /** Returns the handler that authenticates every protected request. */
  public SimpleAuthenticationHandler authenticationHandler() {
    return SimpleAuthenticationHandler.create().authenticate(this::authenticate);
  }

  /**
   * Authenticates a WebSocket upgrade by its bearer token or session cookie, reading the session
   * store directly. The upgrade cannot go through the session and authentication handlers: they
   * resume the request before the next handler runs, and a request whose end was read can no
   * longer be upgraded. Completes with null when the request carries no valid credentials.
   */
  public Future<Caller> authenticateUpgrade(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.authenticateToken(header.substring(7).trim());
    }
    Cookie cookie = request.getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 200) {
      return Future.succeededFuture(null);
    }
    return store.get(cookie.getValue()).map(session -> {
      Object principal = session == null ? null : session.get(CALLER_KEY);
      return principal instanceof JsonObject json ? Caller.fromPrincipal(json) : null;
    });
  }

  /** Runs the session handler only for requests without a bearer token, so services create no sessions. */
  public void sessionUnlessBearer(RoutingContext ctx) {
    if (bearerToken(ctx) != null) {
      ctx.next();
    } else {
      sessions.handle(ctx);
    }
  }

  private Future<User> authenticate(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (token != null) {
      return auth.authenticateToken(token).compose(caller -> caller == null
          ? Future.failedFuture(new HttpException(401, "unknown or revoked API token"))
          : Future.succeededFuture(User.create(caller.toPrincipal())));
    }
    return Future.failedFuture(new HttpException(401));
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return null;
  }

  private void login(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx);
    String email = body.text("email", 200, true);
    String password = body.text("password", 200, true);
    body.finish();
    auth.login(email, password)
        .compose(caller -> {
          if (caller == null) {
            LOG.info("Login failed for {}", email);
            return Future.failedFuture(new ApiException(401, "invalid_credentials", "The e-mail or password is wrong"));
          }
          ctx.session().regenerateId();
          ctx.session().put(CALLER_KEY, caller.toPrincipal());
          return sessions.setUser(ctx, User.create(caller.toPrincipal())).map(caller);
        })
        .compose(caller -> userJson(caller).map(json -> {
          LOG.info("User {} of organisation {} logged in", caller.id(), caller.orgId());
          return json;
        }))
        .onSuccess(json -> ctx.json(new JsonObject().put("user", json)))
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    userJson(caller).onSuccess(json -> ctx.json(new JsonObject().put("user", json))).onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    if (ctx.session() != null) {
      ctx.session().destroy();
    }
    ctx.userContext().clear();
    ctx.response().setStatusCode(204).end();
  }

  private void demo(RoutingContext ctx) {
    if (demoLogin == null) {
      ctx.fail(new ApiException(404, "not_found", "This server does not run in demo mode"));
      return;
    }
    ctx.json(demoLogin);
  }

  private Future<JsonObject> userJson(Caller caller) {
    return pool.preparedQuery("SELECT name FROM organisations WHERE id = $1").execute(Tuple.of(caller.orgId()))
        .map(rows -> new JsonObject()
            .put("id", caller.id())
            .put("kind", caller.kind())
            .put("name", caller.name())
            .put("email", caller.email())
            .put("orgId", caller.orgId())
            .put("orgName", rows.size() == 0 ? caller.orgId() : rows.iterator().next().getString("name"))
            .put("scopes", caller.scopes()));
  }
}
