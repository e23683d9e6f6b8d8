package io.momentum.server.config;

import io.momentum.server.assist.llm.LanguageModelSettings;
import io.momentum.server.webhooks.WebhookSettings;
import io.momentum.streams.cluster.ClusterSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one Momentum node, read once at start from defaults, an optional JSON file, the
 * environment and the command line (later sources win). Keys are the environment variable names.
 */
public record MomentumConfig(
    String httpHost, int httpPort, Path dataDir, String pgUrl, String kafka, int kafkaPort,
    int kafkaPartitions, double demoRate, String demoToken, String demoPassword,
    ClusterSettings cluster, long maxBodyBytes, Duration tickInterval, Duration signalSettleTime, WebhookSettings webhooks,
    Duration changeRetention, LanguageModelSettings languageModel) {

  /** One option: its key, default, and the help text of {@code --help}. */
  public record Option(String key, String flag, String defaultValue, String help) {
  }

  /** Every option, in the order {@code --help} lists them. */
  public static final List<Option> OPTIONS = List.of(
      new Option("MOMENTUM_HTTP_HOST", "--http-host", "127.0.0.1", "address the HTTP server listens on; 0.0.0.0 for every interface"),
      new Option("MOMENTUM_HTTP_PORT", "--http-port", "8080", "HTTP port of the API, the live WebSocket and the web app"),
      new Option("MOMENTUM_DATA_DIR", "--data-dir", "./data", "directory of the embedded PostgreSQL and Kafka data"),
      new Option("MOMENTUM_PG_URL", "--pg-url", "embedded", "'embedded', or a postgresql:// URL whose database is created and migrated when missing"),
      new Option("MOMENTUM_KAFKA", "--kafka", "embedded", "'embedded' (an in-process KRaft broker), or a bootstrap-server list"),
      new Option("MOMENTUM_KAFKA_PORT", "--kafka-port", "9092", "port of the embedded Kafka broker when it is free (another one is taken otherwise)"),
      new Option("MOMENTUM_KAFKA_PARTITIONS", "--kafka-partitions", "6", "partitions of each topic Momentum creates"),
      new Option("MOMENTUM_DEMO_RATE", "--demo-rate", "20", "events per second of the demo publisher; 0 turns it off"),
      new Option("MOMENTUM_DEMO_TOKEN", "--demo-token", "", "API token of the demo organisation; random and printed when empty"),
      new Option("MOMENTUM_DEMO_PASSWORD", "--demo-password", "momentum", "password of the demo user demo@momentum.local"),
      new Option("MOMENTUM_CLUSTER_MEMBERS", "--cluster-members", "", "comma-separated Hazelcast members (host or host:port) to join over TCP-IP; empty means a single node"),
      new Option("MOMENTUM_CLUSTER_HOST", "--cluster-host", "127.0.0.1", "address this node announces to the cluster"),
      new Option("MOMENTUM_CLUSTER_PORT", "--cluster-port", "5701", "first Hazelcast port to try"),
      new Option("MOMENTUM_CLUSTER_NAME", "--cluster-name", "momentum", "cluster name; nodes with another name never join"),
      new Option("MOMENTUM_MAX_BODY_BYTES", "--max-body-bytes", "1048576", "largest accepted HTTP request body, in bytes"),
      new Option("MOMENTUM_TICK_SECONDS", "--tick-seconds", "60", "how often time-driven status is re-evaluated, in seconds"),
      new Option("MOMENTUM_SIGNAL_SETTLE_SECONDS", "--signal-settle-seconds", "900",
          "how long the condition of a forecast, KPI, dependency or confidence signal must stay clear before the system resolves it, in seconds"),
      new Option("MOMENTUM_WEBHOOKS_ALLOW_PRIVATE", "--webhooks-allow-private", "false", "'true' lets outbound webhooks call loopback, private, link-local and multicast addresses"),
      new Option("MOMENTUM_WEBHOOKS_TIMEOUT_SECONDS", "--webhooks-timeout-seconds", "10", "longest time one outbound webhook attempt may take, in seconds"),
      new Option("MOMENTUM_WEBHOOKS_RETRY_SECONDS", "--webhooks-retry-seconds", WebhookSettings.DEFAULT_RETRY_SECONDS, "comma-separated waits before each retry of an outbound webhook, in seconds; a delivery fails after the last"),
      new Option("MOMENTUM_WEBHOOKS_CONCURRENCY", "--webhooks-concurrency", "4", "most outbound webhook attempts in flight per subscription across the cluster"),
      new Option("MOMENTUM_WEBHOOKS_POLL_MILLIS", "--webhooks-poll-millis", "1000", "how often each node looks for due webhook deliveries, in milliseconds"),
      new Option("MOMENTUM_WEBHOOKS_KEEP_DAYS", "--webhooks-keep-days", "30", "days delivered and failed webhook deliveries stay in the delivery log"),
      new Option("MOMENTUM_CHANGES_RETENTION_DAYS", "--changes-retention-days", "7",
          "days a change stays in the outbox after it was published to momentum.changes"),
      new Option("MOMENTUM_LLM_URL", "--llm-url", "", "base URL of an OpenAI-compatible language model server that polishes drafts; empty turns the model off"),
      new Option("MOMENTUM_LLM_MODEL", "--llm-model", "", "model name sent to the language model server; required with --llm-url"),
      new Option("MOMENTUM_LLM_KEY", "--llm-key", "", "API key of the language model server, sent as a bearer token; never logged"),
      new Option("MOMENTUM_LLM_TIMEOUT_SECONDS", "--llm-timeout-seconds", "20", "longest time one language model request may take, in seconds"));

  /** Returns the defaults of every option as a JSON object keyed by option key. */
  public static JsonObject defaults() {
    JsonObject json = new JsonObject();
    OPTIONS.forEach(o -> json.put(o.key(), o.defaultValue()));
    return json;
  }

  /**
   * Turns {@code --flag value} and {@code --flag=value} arguments into a JSON object keyed by
   * option key; throws {@link IllegalArgumentException} naming an unknown flag or a missing value.
   */
  public static JsonObject fromArguments(List<String> args) {
    Map<String, Option> byFlag = new LinkedHashMap<>();
    OPTIONS.forEach(o -> byFlag.put(o.flag(), o));
    JsonObject json = new JsonObject();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      Option option = byFlag.get(flag);
      if (option == null) {
        throw new IllegalArgumentException("unknown option " + flag + "; see --help");
      }
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("option " + flag + " needs a value");
      }
      json.put(option.key(), value);
    }
    return json;
  }

  /**
   * Builds the typed settings from merged raw values; throws {@link IllegalArgumentException}
   * naming the first invalid option.
   */
  public static MomentumConfig from(JsonObject raw) {
    List<String> members = new ArrayList<>();
    Arrays.stream(text(raw, "MOMENTUM_CLUSTER_MEMBERS").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).forEach(members::add);
    return new MomentumConfig(
        text(raw, "MOMENTUM_HTTP_HOST"),
        port(raw, "MOMENTUM_HTTP_PORT"),
        Path.of(text(raw, "MOMENTUM_DATA_DIR")).toAbsolutePath().normalize(),
        text(raw, "MOMENTUM_PG_URL"),
        text(raw, "MOMENTUM_KAFKA"),
        port(raw, "MOMENTUM_KAFKA_PORT"),
        (int) number(raw, "MOMENTUM_KAFKA_PARTITIONS", 1, 1000),
        decimal(raw, "MOMENTUM_DEMO_RATE", 0, 1_000_000),
        text(raw, "MOMENTUM_DEMO_TOKEN"),
        text(raw, "MOMENTUM_DEMO_PASSWORD"),
        new ClusterSettings(text(raw, "MOMENTUM_CLUSTER_NAME"), text(raw, "MOMENTUM_CLUSTER_HOST"),
            port(raw, "MOMENTUM_CLUSTER_PORT"), members),
        number(raw, "MOMENTUM_MAX_BODY_BYTES", 1024, 1L << 30),
        Duration.ofSeconds(number(raw, "MOMENTUM_TICK_SECONDS", 1, 86_400)),
        Duration.ofSeconds(number(raw, "MOMENTUM_SIGNAL_SETTLE_SECONDS", 0, 604_800)),
        new WebhookSettings(bool(raw, "MOMENTUM_WEBHOOKS_ALLOW_PRIVATE"),
            Duration.ofSeconds(number(raw, "MOMENTUM_WEBHOOKS_TIMEOUT_SECONDS", 1, 300)),
            WebhookSettings.parseDelays("MOMENTUM_WEBHOOKS_RETRY_SECONDS", text(raw, "MOMENTUM_WEBHOOKS_RETRY_SECONDS")),
            (int) number(raw, "MOMENTUM_WEBHOOKS_CONCURRENCY", 1, 100),
            Duration.ofMillis(number(raw, "MOMENTUM_WEBHOOKS_POLL_MILLIS", 50, 60_000)),
            Duration.ofDays(number(raw, "MOMENTUM_WEBHOOKS_KEEP_DAYS", 1, 3650))),
        Duration.ofDays(number(raw, "MOMENTUM_CHANGES_RETENTION_DAYS", 1, 3_650)),
        LanguageModelSettings.of(text(raw, "MOMENTUM_LLM_URL"), text(raw, "MOMENTUM_LLM_MODEL"), text(raw, "MOMENTUM_LLM_KEY"),
            Duration.ofSeconds(number(raw, "MOMENTUM_LLM_TIMEOUT_SECONDS", 1, 600))));
  }

  /** Returns the settings in effect as text for the start-up log, with secrets left out. */
  public String describe() {
    return "http=" + httpHost + ":" + httpPort
        + " dataDir=" + dataDir
        + " pg=" + redactUrl(pgUrl)
        + " kafka=" + kafka + (isEmbeddedKafka() ? "(port " + kafkaPort + ")" : "")
        + " partitions=" + kafkaPartitions
        + " cluster=" + cluster.name() + "@" + cluster.host() + ":" + cluster.port()
        + " members=" + cluster.members()
        + " demoRate=" + demoRate
        + " maxBodyBytes=" + maxBodyBytes
        + " tick=" + tickInterval.toSeconds() + "s"
        + " signalSettle=" + signalSettleTime.toSeconds() + "s"
        + " webhooks=[" + webhooks.describe() + "]"
        + " changesRetention=" + changeRetention.toDays() + "d"
        + " llm=[" + languageModel.describe() + "]";
  }

  public boolean isEmbeddedPostgres() {
    return "embedded".equals(pgUrl);
  }

  public boolean isEmbeddedKafka() {
    return "embedded".equals(kafka);
  }

  private static String redactUrl(String url) {
    return url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
  }

  private static String text(JsonObject raw, String key) {
    Object value = raw.getValue(key);
    return value == null ? "" : value.toString().trim();
  }

  private static boolean bool(JsonObject raw, String key) {
    String text = text(raw, key);
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, not \"" + text + "\"");
    }
    return Boolean.parseBoolean(text);
  }

  private static int port(JsonObject raw, String key) {
    return (int) number(raw, key, 0, 65_535);
  }

  private static long number(JsonObject raw, String key, long min, long max) {
    String text = text(raw, key);
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not \"" + text + "\"");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  private static double decimal(JsonObject raw, String key, double min, double max) {
    String text = text(raw, key);
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, not \"" + text + "\"");
    }
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + text);
    }
    return value;
  }
}
