package io.momentum.server.app;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.momentum.server.assist.drafts.DraftService;
import io.momentum.server.assist.llm.LanguageModel;
import io.momentum.server.assist.llm.OpenAiCompatibleModel;
import io.momentum.server.auth.AuthService;
import io.momentum.server.changes.ChangeRelayVerticle;
import io.momentum.server.changes.RelayMetrics;
import io.momentum.server.config.MomentumConfig;
import io.momentum.server.db.Database;
import io.momentum.server.db.PgEventStore;
import io.momentum.server.db.PgOrgStateLoader;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.feeds.SqlFeedRunner;
import io.momentum.server.assist.briefs.BriefScheduler;
import io.momentum.server.assist.briefs.BriefService;
import io.momentum.server.feeds.SqlFeedScheduler;
import io.momentum.server.integrations.ConnectionChangeVerticle;
import io.momentum.server.live.LiveFeeds;
import io.momentum.server.live.LiveHub;
import io.momentum.server.live.LiveMetrics;
import io.momentum.server.signals.SignalStore;
import io.momentum.server.signals.StaleSourceDetector;
import io.momentum.server.webhooks.DeliveryQueries;
import io.momentum.server.webhooks.WebhookDispatchVerticle;
import io.momentum.server.webhooks.WebhookIntakeVerticle;
import io.momentum.server.webhooks.WebhookMetrics;
import io.momentum.streams.cluster.HazelcastSetup;
import io.momentum.streams.event.Topics;
import io.momentum.streams.ingest.IngestMetrics;
import io.momentum.streams.ingest.IngestSettings;
import io.momentum.streams.ingest.IngestVerticle;
import io.momentum.streams.kafka.EmbeddedKafka;
import io.momentum.streams.kafka.TopicSetup;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Momentum node: PostgreSQL (embedded or external), Kafka (embedded or external), a
 * clustered Vert.x on Hazelcast, the ingest verticle and the HTTP verticles. {@link #start} runs
 * on the caller's thread (the main thread or a test), never on an event loop.
 */
public final class MomentumNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MomentumNode.class);

  /** Start mode of a node: with or without the demo organisation and its publisher. */
  public enum Mode { SERVE, DEMO }

  /** Seeds the demo organisation; the demo package provides it. */
  public interface DemoHooks {
    /** Seeds (once) and completes with the login to print: email, password, token. */
    Future<JsonObject> seed(Services services);

    /** Deploys the demo publisher; completes when it runs. */
    Future<Void> startPublisher(Vertx vertx, Services services);
  }

  private final MomentumConfig config;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Vertx vertx;
  private Database database;
  private Services services;
  private StaleSourceDetector staleSources;
  private BriefScheduler briefScheduler;
  private int httpPort;

  private MomentumNode(MomentumConfig config) {
    this.config = config;
  }

  /** Starts a node and returns once it serves HTTP. */
  public static MomentumNode start(MomentumConfig config, Mode mode, DemoHooks demo) throws Exception {
    MomentumNode node = new MomentumNode(config);
    try {
      node.boot(mode, demo);
      return node;
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
  }

  private void boot(Mode mode, DemoHooks demo) throws Exception {
    long started = System.nanoTime();
    LOG.info("Starting Momentum ({} mode): {}", mode.name().toLowerCase(), config.describe());
    Clock clock = Clock.systemUTC();

    database = config.isEmbeddedPostgres() ? Database.embedded(config.dataDir()) : Database.external(config.pgUrl());
    resources.add(database);
    String kafkaBootstrap = config.kafka();
    if (config.isEmbeddedKafka()) {
      EmbeddedKafka kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort());
      resources.add(0, kafka);
      kafkaBootstrap = kafka.bootstrapServers();
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    HazelcastClusterManager clusterManager = new HazelcastClusterManager(HazelcastSetup.config(config.cluster()));
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    options.getEventBusOptions().setHost(config.cluster().host()).setClusterPublicHost(config.cluster().host());
    vertx = Vertx.builder()
        .with(options)
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(clusterManager)
        .buildClustered()
        .await();
    HazelcastInstance hazelcast = clusterManager.getHazelcastInstance();

    Pool pool = database.open(vertx, 16).await();
    List<String> topics = new ArrayList<>(Topics.INBOUND);
    topics.add(Topics.CHANGES);
    TopicSetup.ensureTopics(vertx, kafkaBootstrap, topics, config.kafkaPartitions(), (short) 1).await();

    EventPublisher publisher = new EventPublisher(vertx, kafkaBootstrap);
    AuthService auth = new AuthService(vertx, pool);
    LiveHub.Settings live = LiveHub.Settings.defaults();
    LiveFeeds liveFeeds = new LiveFeeds(vertx, live.historyEntries(), live.historyMillis());
    services = new Services(config, clock, pool, hazelcast, new LiveStateStore(hazelcast), publisher, auth,
        registry, new LiveMetrics(registry), liveFeeds, kafkaBootstrap, null, new RouteCatalog());
    JsonObject login = null;
    if (mode == Mode.DEMO) {
      login = demo.seed(services).await();
      services = new Services(config, clock, pool, hazelcast, services.liveState(), publisher, auth, registry,
          services.liveMetrics(), liveFeeds, kafkaBootstrap, new JsonObject()
              .put("email", login.getString("email")).put("password", login.getString("password")),
          services.routes());
    }

    IngestSettings ingest = new IngestSettings(kafkaBootstrap, "momentum-ingest", 2_000, config.tickInterval(),
        config.signalSettleTime());
    IngestMetrics ingestMetrics = new IngestMetrics(registry);
    vertx.deployVerticle(new IngestVerticle(ingest, new PgOrgStateLoader(pool), new PgEventStore(pool),
        services.liveState(), ingestMetrics, clock)).await();
    vertx.deployVerticle(new SqlFeedScheduler(new SqlFeedRunner(vertx, pool, publisher, clock))).await();
    DeliveryQueries webhookDeliveries = new DeliveryQueries(pool);
    WebhookMetrics webhookMetrics = new WebhookMetrics(registry);
    vertx.deployVerticle(new WebhookIntakeVerticle(kafkaBootstrap, webhookDeliveries, config.webhooks(), webhookMetrics)).await();
    vertx.deployVerticle(new WebhookDispatchVerticle(webhookDeliveries, config.webhooks(), webhookMetrics)).await();
    ChangeRelayVerticle.Settings relay = new ChangeRelayVerticle.Settings(kafkaBootstrap, Topics.CHANGES,
        Duration.ofMillis(500), 500, config.changeRetention(), database.connectOptions());
    vertx.deployVerticle(new ChangeRelayVerticle(pool, relay, new RelayMetrics(registry))).await();
    vertx.deployVerticle(new ConnectionChangeVerticle(database.connectOptions())).await();
    Services shared = services;
    int instances = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    LanguageModel model = config.languageModel().enabled() ? new OpenAiCompatibleModel(vertx, config.languageModel()) : null;
    DraftService drafts = new DraftService(vertx, pool, clock, new DecisionTrail(clock), model);
    vertx.deployVerticle(() -> new HttpVerticle(shared, drafts), new DeploymentOptions().setInstances(instances)).await();
    httpPort = config.httpPort();
    staleSources = new StaleSourceDetector(vertx, pool, new SignalStore(vertx, pool), clock, Duration.ofMinutes(1));
    staleSources.start();
    briefScheduler = new BriefScheduler(vertx, pool, new BriefService(vertx, pool, services.liveState(), clock), clock,
        Duration.ofMinutes(1));
    briefScheduler.start();
    if (mode == Mode.DEMO) {
      demo.startPublisher(vertx, services).await();
    }

    LOG.info("Momentum is up in {} ms: http://{}:{}/ , Kafka at {}", (System.nanoTime() - started) / 1_000_000,
        displayHost(), httpPort, kafkaBootstrap);
    if (login != null) {
      LOG.info("Demo login: {} / {}  API token: {}", login.getString("email"), login.getString("password"), login.getString("token"));
    }
  }

  /** Returns the URL people open, with a host that works in a browser. */
  public String url() {
    return "http://" + displayHost() + ":" + httpPort + "/";
  }

  private String displayHost() {
    String host = config.httpHost();
    return "0.0.0.0".equals(host) ? "localhost" : host;
  }

  /** Returns the shared services of this node, for tests and the demo. */
  public Services services() {
    return services;
  }

  /** Returns the node's database, whose connection settings other nodes of a test cluster reuse. */
  public Database database() {
    return database;
  }

  /** Returns the node's stale-source detector, which tests run at a time of their choice. */
  public StaleSourceDetector staleSources() {
    return staleSources;
  }

  /** Returns the node's brief scheduler, which tests run at a time of their choice. */
  public BriefScheduler briefScheduler() {
    return briefScheduler;
  }

  /** Returns the node's Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** Stops everything this node started, in reverse order. */
  @Override
  public void close() {
    if (staleSources != null) {
      staleSources.stop();
    }
    if (briefScheduler != null) {
      briefScheduler.stop();
    }
    if (services != null) {
      try {
        services.publisher().close().await();
      } catch (Exception e) {
        LOG.warn("Closing the Kafka producer failed", e);
      }
      // The live feeds cancel Vert.x timers, so they close while Vert.x still runs.
      try {
        services.liveFeeds().close();
      } catch (Exception e) {
        LOG.warn("Closing the live feeds failed", e);
      }
    }
    if (vertx != null) {
      try {
        vertx.close().await();
      } catch (Exception e) {
        LOG.warn("Closing Vert.x failed", e);
      }
      vertx = null;
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing the {} failed", resource instanceof EmbeddedKafka ? "in-process Kafka broker"
            : resource instanceof Database ? "database" : resource.getClass().getSimpleName(), e);
      }
    }
    resources.clear();
    LOG.info("Momentum stopped");
  }
}
