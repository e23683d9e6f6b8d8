package io.momentum.server.app;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.momentum.server.auth.AuthService;
import io.momentum.server.config.MomentumConfig;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.live.LiveFeeds;
import io.momentum.server.live.LiveMetrics;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * The node-wide services that verticles share: created once at start, thread-safe, and handed to
 * every verticle instance.
 *
 * @param kafkaBootstrap bootstrap servers in effect (the embedded broker's address when embedded)
 * @param demoLogin {@code {"email", "password"}} in demo mode, else null
 * @param routes the REST operations the HTTP verticles serve
 */
public record Services(MomentumConfig config, Clock clock, Pool pool, HazelcastInstance hazelcast,
                       LiveStateStore liveState, EventPublisher publisher, AuthService auth,
                       PrometheusMeterRegistry registry, LiveMetrics liveMetrics, LiveFeeds liveFeeds, String kafkaBootstrap,
                       JsonObject demoLogin, RouteCatalog routes) {
}
