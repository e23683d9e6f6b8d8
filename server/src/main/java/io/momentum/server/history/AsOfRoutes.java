package io.momentum.server.history;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.PathIds;
import io.momentum.server.http.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/nodes/{id}/as-of?at=<ISO instant>}: time travel through {@link TimeTravel}. */
public final class AsOfRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AsOfRoutes.class);
  /** Clock skew tolerated for an instant a little ahead of the server's. */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final TimeTravel timeTravel;
  private final Clock clock;

  public AsOfRoutes(io.vertx.core.Vertx vertx, Pool pool, Clock clock) {
    this.timeTravel = new TimeTravel(vertx, pool);
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/nodes/:id/as-of").handler(this::asOf);
  }

  private void asOf(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = PathIds.read(ctx, "id", "Node");

    QueryParams query = new QueryParams(ctx);
    String atText = query.text("at");
    Instant at = null;
    if (atText == null) {
      query.reject("at", "is missing: give the instant to evaluate, such as 2026-10-01T12:00:00Z");
    } else {
      try {
        at = Instant.parse(atText);
        if (at.isAfter(Instant.now(clock).plus(SKEW))) {
          query.reject("at", "lies in the future; time travel shows the past, so give an instant up to now");
        }
      } catch (DateTimeParseException e) {
        query.reject("at", "must be an ISO instant such as 2026-10-01T12:00:00Z");
      }
    }
    query.finish();

    long started = System.nanoTime();
    Instant instant = at;
    timeTravel.evaluate(caller.orgId(), id, instant)
        .onSuccess(json -> {
          LOG.debug("Evaluated node {} of organisation {} as of {} with {} nodes in {} ms", id, caller.orgId(), instant,
              json.getJsonArray("nodes").size(), (System.nanoTime() - started) / 1_000_000);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }
}
