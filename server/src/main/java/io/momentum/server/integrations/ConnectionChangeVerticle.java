package io.momentum.server.integrations;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for committed changes of integration connections and passes each connection id to the
 * webhook routes' caches of this node, on the local event bus at {@link ConnectionCache#ADDRESS}.
 * A trigger notifies on every update or delete of a connection row, which includes changes of its
 * secret, story point field and state map, and every change of its rules (they bump the row's
 * {@code rules_version}). While the subscriber is disconnected, cached connections expire after
 * {@link ConnectionCache#TTL_NANOS}.
 */
public final class ConnectionChangeVerticle extends VerticleBase {

  /** Channel the {@code integration_connections} trigger notifies on; the payload is the connection id. */
  static final String CHANNEL = "momentum_connections";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionChangeVerticle.class);

  private final PgConnectOptions database;
  private PgSubscriber subscriber;

  public ConnectionChangeVerticle(PgConnectOptions database) {
    this.database = database;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, database);
    subscriber.reconnectPolicy(attempt -> 1_000L);
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    subscriber.channel(CHANNEL).handler(id -> vertx.eventBus().publish(ConnectionCache.ADDRESS, id, local));
    // A failed first connection leaves the caches to their expiry; the node still starts.
    subscriber.connect().onFailure(e -> LOG.warn("Listening for changed integration connections failed; cached"
        + " connections expire after {} s instead", ConnectionCache.TTL_NANOS / 1_000_000_000L, e));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }
}
