package io.momentum.server.app;

import io.momentum.server.assist.briefs.BriefRoutes;
import io.momentum.server.assist.briefs.BriefService;
import io.momentum.server.assist.drafts.DraftRoutes;
import io.momentum.server.assist.drafts.DraftService;
import io.momentum.server.assist.quality.QualityRoutes;
import io.momentum.server.auth.AuthRoutes;
import io.momentum.server.auth.TokenRoutes;
import io.momentum.server.auth.Caller;
import io.momentum.server.auth.ScopeGuard;
import io.momentum.server.checkins.CheckInRoutes;
import io.momentum.server.checkins.CommentRoutes;
import io.momentum.server.checkins.DueRoutes;
import io.momentum.server.history.AsOfRoutes;
import io.momentum.server.transfer.ExportRoutes;
import io.momentum.server.transfer.ImportRoutes;
import io.momentum.server.cycles.CycleRoutes;
import io.momentum.server.cycles.LiveNodes;
import io.momentum.server.decisions.DecisionRoutes;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.events.EventRoutes;
import io.momentum.server.events.SubjectDirectory;
import io.momentum.server.feeds.FeedRoutes;
import io.momentum.server.feeds.SqlFeedRoutes;
import io.momentum.server.feeds.SqlFeedRunner;
import io.momentum.server.goals.GoalRoutes;
import io.momentum.server.goals.LiveValues;
import io.momentum.server.goals.StructureRoutes;
import io.momentum.server.http.ApiErrors;
import io.momentum.server.initiatives.InitiativeRoutes;
import io.momentum.server.integrations.AzureDevOpsWebhookRoutes;
import io.momentum.server.integrations.ConnectionRoutes;
import io.momentum.server.integrations.JiraWebhookRoutes;
import io.momentum.server.links.Contributions;
import io.momentum.server.links.ImpactChains;
import io.momentum.server.links.ImpactLinks;
import io.momentum.server.people.PeopleRoutes;
import io.momentum.server.live.BoardService;
import io.momentum.server.live.LiveHub;
import io.momentum.server.settings.SettingsRoutes;
import io.momentum.server.webhooks.WebhookMetrics;
import io.momentum.server.webhooks.WebhookRoutes;
import io.momentum.server.webhooks.WebhookSender;
import io.momentum.server.signals.SignalRoutes;
import io.momentum.server.signals.SignalStore;
import io.momentum.server.signals.SourceRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a node: REST API, live WebSocket, health, metrics and the web app. One
 * instance runs per event loop; they share the port.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private static final long SESSION_TIMEOUT_MS = TimeUnit.HOURS.toMillis(12);

  private final Services services;
  private final DraftService drafts;
  private AuthRoutes auth;
  /** Classpath location of the OpenAPI document served at {@code /api/v1/openapi.yaml}. */
  public static final String OPENAPI_RESOURCE = "openapi/momentum.yaml";

  private LiveHub hub;
  private HealthCheck health;
  private WebhookSender webhookSender;

  /** Creates one instance; {@code drafts} is shared by every instance of the node, as it caches indexes. */
  public HttpVerticle(Services services, DraftService drafts) {
    this.services = services;
    this.drafts = drafts;
  }

  @Override
  public Future<?> start() {
    SessionStore store = ClusteredSessionStore.create(vertx);
    SessionHandler sessions = SessionHandler.create(store)
        .setLazySession(true)
        .setSessionCookieName("momentum.session")
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setSessionTimeout(SESSION_TIMEOUT_MS);
    auth = new AuthRoutes(services.auth(), store, sessions, services.pool(), services.demoLogin());
    SignalStore signals = new SignalStore(vertx, services.pool());
    SourceRegistry sources = new SourceRegistry(services.pool(), services.clock());
    BoardService boards = new BoardService(vertx, services.pool(), services.liveState(), signals, sources);
    hub = new LiveHub(vertx, services.liveFeeds(), boards, services.liveMetrics(), LiveHub.Settings.defaults());
    health = new HealthCheck(vertx, services.pool(), services.hazelcast(), services.kafkaBootstrap());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes());
    Router router = Router.router(vertx);

    router.get("/health").handler(health::handle);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(services.registry()));
    router.get("/api/v1/live").handler(this::upgradeToLive);
    router.get("/api/v1/openapi.yaml").handler(this::sendOpenApi);
    router.post("/api/v1/import").handler(ImportRoutes::limitBody);
    router.post("/api/v1/import").handler(BodyHandler.create(false).setBodyLimit(ImportRoutes.MAX_BODY_BYTES))
        .failureHandler(ImportRoutes::explainBodyLimit);
    FeedRoutes.mountBodyHandlers(router);
    router.post("/api/*").handler(body);
    router.put("/api/*").handler(body);
    router.patch("/api/*").handler(body);
    // Trackers send no session or token: their webhooks check the connection's secret, so they come before the session handlers.
    new JiraWebhookRoutes(vertx, services.pool(), services.publisher(), services.clock(), services.registry()).mount(router);
    new AzureDevOpsWebhookRoutes(vertx, services.pool(), services.publisher(), services.clock(),
        services.registry()).mount(router);
    router.route("/api/*").handler(auth::sessionUnlessBearer);
    auth.mountPublic(router);
    router.route("/api/v1/*").handler(auth.authenticationHandler());
    router.route("/api/v1/*").handler(new ScopeGuard(services.pool())::handle);
    auth.mountProtected(router);
    LiveNodes liveNodes = new LiveNodes(vertx, services.hazelcast());
    new SettingsRoutes(services.pool(), services.publisher()).mount(router);
    new QualityRoutes(services.pool()).mount(router);
    // Before the KPI routes, whose /api/v1/kpis/:id would take "sql-feeds" for an id.
    new SqlFeedRoutes(services.pool(), new SqlFeedRunner(vertx, services.pool(), services.publisher(), services.clock()))
        .mount(router);
    new TokenRoutes(services.auth(), services.pool()).mount(router);
    new CycleRoutes(services.pool(), services.publisher(), liveNodes, services.clock()).mount(router);
    new StructureRoutes(services.pool(), services.publisher()).mount(router);
    new CheckInRoutes(services.pool(), services.clock()).mount(router);
    new CommentRoutes(services.pool()).mount(router);
    new DueRoutes(services.pool(), services.clock()).mount(router);
    new AsOfRoutes(vertx, services.pool(), services.clock()).mount(router);
    new ExportRoutes(services.pool(), liveNodes, services.clock()).mount(router);
    new ImportRoutes(services.pool(), services.publisher()).mount(router);
    new GoalRoutes(services.pool(), services.publisher(), vertx, services.liveState()).mount(router);
    new InitiativeRoutes(services.pool(), services.publisher(), new LiveValues(vertx, services.liveState())).mount(router);
    new Contributions(services.pool(), services.publisher()).mount(router);
    new ImpactLinks(services.pool(), services.publisher()).mount(router);
    new ImpactChains(vertx, services.pool(), services.hazelcast()).mount(router);
    new PeopleRoutes(services.pool()).mount(router);
    new io.momentum.server.kpis.KpiDriverRoutes(vertx, services).mount(router);
    new io.momentum.server.kpis.KpiHistoryRoutes(services.pool(), services.clock()).mount(router);
    new FeedRoutes(services.pool(), services.publisher(), services.clock()).mount(router);
    new ConnectionRoutes(services.pool()).mount(router);
    webhookSender = new WebhookSender(vertx, services.config().webhooks(), services.clock());
    new WebhookRoutes(vertx, services.pool(), webhookSender, services.config().webhooks(),
        new WebhookMetrics(services.registry()), services.clock()).mount(router);
    sources.mount(router);
    new SignalRoutes(signals, services.clock()).mount(router);
    new DecisionRoutes(services.pool(), new DecisionTrail(services.clock())).mount(router);
    new DraftRoutes(drafts).mount(router);
    new EventRoutes(new SubjectDirectory(services.pool()), services.publisher(), services.clock()).mount(router);
    boards.mount(router);
    new BriefRoutes(vertx, new BriefService(vertx, services.pool(), services.liveState(), services.clock()),
        services.pool(), services.clock()).mount(router);
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    router.get("/").handler(this::sendWebApp);
    router.get("/index.html").handler(this::sendWebApp);
    // Vite names bundled assets by content hash, so browsers may keep them for a year.
    router.get("/assets/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(365L * 24 * 3600));
    router.get().handler(StaticHandler.create("webroot"));
    router.get().handler(this::sendWebApp);
    long maxBodyBytes = services.config().maxBodyBytes();
    router.route().failureHandler(ctx -> ApiErrors.handle(ctx, maxBodyBytes));
    services.routes().record(router.getRoutes());

    HttpServerOptions options = new HttpServerOptions()
        .setHost(services.config().httpHost())
        .setPort(services.config().httpPort())
        .setMaxWebSocketFrameSize(64 * 1024)
        .setMaxWebSocketMessageSize(64 * 1024)
        .setCompressionSupported(true);
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen()
        .onSuccess(server -> LOG.debug("HTTP verticle listening on {}:{}", services.config().httpHost(), server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    if (hub != null) {
      hub.close();
    }
    Future<Void> senderClosed = webhookSender == null ? Future.succeededFuture() : webhookSender.close();
    return senderClosed.eventually(() -> health == null ? Future.succeededFuture() : health.close());
  }

  /**
   * Authenticates a live WebSocket request and upgrades it. The request stays paused until the
   * upgrade, because a request whose end was read while paused elsewhere can no longer be
   * upgraded; this is also why the route runs before the session and authentication handlers.
   */
  private void upgradeToLive(RoutingContext ctx) {
    ctx.request().pause();
    auth.authenticateUpgrade(ctx.request()).onComplete(ar -> {
      if (ar.failed() || ar.result() == null) {
        if (ar.failed()) {
          LOG.warn("Authenticating a live socket failed", ar.cause());
        }
        ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", new JsonObject().put("code", "unauthenticated")
                .put("message", "Log in, or send an API token as \"Authorization: Bearer <token>\"")).encode());
        return;
      }
      Caller caller = ar.result();
      ctx.request().toWebSocket()
          .onSuccess(socket -> hub.accept(socket, caller))
          .onFailure(e -> {
            LOG.debug("Upgrading {} to a WebSocket failed", ctx.request().path(), e);
            if (!ctx.response().ended()) {
              ctx.response().setStatusCode(400).end("Connect with a WebSocket client");
            }
          });
    });
  }

  /**
   * Serves the single-page app for every other GET, so that its client-side routes load. The page
   * is never cached, so a new release reaches browsers at once.
   */
  private void sendWebApp(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile("webroot/index.html")
        .onFailure(e -> {
          if (!ctx.response().ended()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                .end("The web app is not part of this build; build the web module to get it");
          }
        });
  }

  /** Sends the OpenAPI document of the REST API; it is public, like any API reference. */
  private void sendOpenApi(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile(OPENAPI_RESOURCE)
        .onFailure(ctx::fail);
  }
}
