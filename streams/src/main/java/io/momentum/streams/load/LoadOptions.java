package io.momentum.streams.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one load-generator run, read from {@code --name value} or {@code --name=value}
 * arguments. Durations are in seconds and may have decimals.
 *
 * @param baseUrl HTTP base URL of the node under test
 * @param token API token of the organisation (starts with {@code mtm_})
 * @param bootstrapServers Kafka bootstrap servers the events go to
 * @param orgId organisation id: the record key and the events' {@code orgid}
 * @param rates events per second of each step, run in order; 0 publishes nothing and only watches
 * @param durationSeconds measured part of each step
 * @param warmupSeconds unmeasured part of each step before the measured part
 * @param boards number of WebSocket clients, one board subscription each
 * @param topic Kafka topic of the events
 * @param source CloudEvents {@code source} of the events; the run id is appended
 * @param drainSeconds longest wait after a step for every board to show the last values sent
 * @param pauseSeconds wait between steps, so that the server settles
 * @param stopAfterFailures stop after this many unsustained steps; 0 runs every step
 * @param maxP99Millis p99 latency above which a step is not sustained
 * @param acks Kafka producer {@code acks}
 * @param lingerMillis Kafka producer {@code linger.ms}
 * @param compression Kafka producer {@code compression.type}
 * @param wsCompression offer permessage-deflate on the WebSocket, as browsers do
 * @param serverPid process id of the server, to read its RSS and CPU time from /proc; 0 skips it
 * @param sampleMillis how often /metrics and /proc are sampled
 * @param report file to write the results to as JSON, or null
 */
public record LoadOptions(
    URI baseUrl, String token, String bootstrapServers, String orgId, List<Double> rates,
    double durationSeconds, double warmupSeconds, int boards, String topic, String source,
    double drainSeconds, double pauseSeconds, int stopAfterFailures, double maxP99Millis,
    String acks, int lingerMillis, String compression, boolean wsCompression, long serverPid,
    long sampleMillis, Path report) {

  private record Option(String flag, String defaultValue, String help) {
  }

  private static final List<Option> OPTIONS = List.of(
      new Option("--base-url", "http://127.0.0.1:8080", "HTTP base URL of the Momentum node under test"),
      new Option("--token", "", "API token of the organisation (mtm_...); default: $MOMENTUM_DEMO_TOKEN"),
      new Option("--bootstrap-servers", "127.0.0.1:9092", "Kafka bootstrap servers to publish to"),
      new Option("--org", "demo", "organisation id: record key and the events' orgid"),
      new Option("--rate", "1000", "events per second; a comma-separated list runs one step per rate, in order; 0 only watches the boards"),
      new Option("--duration", "30", "measured seconds of each step"),
      new Option("--warmup", "10", "seconds sent before each step's measurement starts"),
      new Option("--boards", "100", "WebSocket clients, one board each, spread over the organisation's units"),
      new Option("--topic", "momentum.progress", "Kafka topic of the momentum.keyresult.value events"),
      new Option("--source", "urn:momentum:load-generator", "CloudEvents source of the events; a run id is appended"),
      new Option("--drain", "30", "longest wait in seconds after sending for every board to show the last values"),
      new Option("--pause", "5", "seconds between steps"),
      new Option("--stop-after-failures", "1", "stop after this many steps that are not sustained; 0 runs every step"),
      new Option("--max-p99-ms", "1000", "p99 latency in milliseconds above which a step is not sustained"),
      new Option("--acks", "1", "Kafka producer acks: 0, 1 or all"),
      new Option("--linger-ms", "5", "Kafka producer linger.ms"),
      new Option("--compression", "none", "Kafka producer compression.type: none, gzip, snappy, lz4 or zstd"),
      new Option("--ws-compression", "true", "offer permessage-deflate on the WebSockets, as browsers do"),
      new Option("--server-pid", "0", "server process id, to sample its RSS and CPU time from /proc; 0 skips it"),
      new Option("--sample-ms", "1000", "milliseconds between samples of /metrics and /proc"),
      new Option("--report", "", "write the results as JSON to this file"));

  /** Returns the {@code --help} text. */
  public static String help() {
    StringBuilder text = new StringBuilder("""
        Momentum load generator: publishes momentum.keyresult.value events to Kafka at a fixed rate,
        watches live boards over WebSockets and reports event-to-screen latency.

        Usage: java -cp <classpath> io.momentum.streams.load.LoadGenerator [options]

        """);
    for (Option option : OPTIONS) {
      text.append(String.format("  %-24s %s (default: %s)%n", option.flag(), option.help(),
          option.defaultValue().isEmpty() ? "none" : option.defaultValue()));
    }
    return text.toString();
  }

  /**
   * Parses arguments; throws {@link IllegalArgumentException} with a message naming the option
   * and the fix for an unknown option, a missing or invalid value.
   */
  public static LoadOptions parse(List<String> args, Map<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>();
    OPTIONS.forEach(o -> values.put(o.flag(), o.defaultValue()));
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int equals = arg.indexOf('=');
      String flag = equals >= 0 ? arg.substring(0, equals) : arg;
      if (!values.containsKey(flag)) {
        throw new IllegalArgumentException("unknown option " + flag + "; see --help");
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("option " + flag + " needs a value");
      }
      values.put(flag, value);
    }

    String token = values.get("--token");
    if (token.isEmpty()) {
      token = environment.getOrDefault("MOMENTUM_DEMO_TOKEN", "");
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("an API token is required: pass --token mtm_... or set MOMENTUM_DEMO_TOKEN");
    }
    String acks = values.get("--acks");
    if (!List.of("0", "1", "all", "-1").contains(acks)) {
      throw new IllegalArgumentException("--acks must be 0, 1 or all, not " + acks);
    }

    String report = values.get("--report");
    LoadOptions options = new LoadOptions(
        uri(values.get("--base-url")), token, nonEmpty(values, "--bootstrap-servers"), nonEmpty(values, "--org"),
        rates(values.get("--rate")), seconds(values, "--duration", false), seconds(values, "--warmup", true),
        (int) whole(values, "--boards"), nonEmpty(values, "--topic"), nonEmpty(values, "--source"),
        seconds(values, "--drain", true), seconds(values, "--pause", true), (int) whole(values, "--stop-after-failures"),
        positive(values, "--max-p99-ms"), acks, (int) whole(values, "--linger-ms"), nonEmpty(values, "--compression"),
        bool(values, "--ws-compression"), whole(values, "--server-pid"), Math.max(100, whole(values, "--sample-ms")),
        report.isEmpty() ? null : Path.of(report));
    if (options.boards() == 0 && options.rates().stream().allMatch(r -> r == 0)) {
      throw new IllegalArgumentException("nothing to do: every rate is 0 and --boards is 0");
    }
    return options;
  }

  /** Returns the settings in effect as one line per option, the token shortened. */
  public String describe() {
    String shownToken = token.length() <= 8 ? "mtm_..." : token.substring(0, 8) + "...";
    return "base URL " + baseUrl + ", token " + shownToken + ", Kafka " + bootstrapServers + ", topic " + topic
        + ", org " + orgId + ", rates " + rates + " events/s, warm-up " + warmupSeconds + " s, duration "
        + durationSeconds + " s, boards " + boards + ", acks " + acks + ", linger.ms " + lingerMillis
        + ", compression " + compression + ", WebSocket compression " + wsCompression;
  }

  private static URI uri(String text) {
    try {
      URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("--base-url must be an http:// URL such as http://127.0.0.1:8080, not " + text);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--base-url must be an http:// URL such as http://127.0.0.1:8080, not " + text, e);
    }
  }

  private static List<Double> rates(String text) {
    List<Double> rates = new ArrayList<>();
    for (String part : text.split(",")) {
      String trimmed = part.strip().toLowerCase();
      double factor = 1;
      if (trimmed.endsWith("k")) {
        factor = 1000;
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      try {
        double rate = Double.parseDouble(trimmed) * factor;
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
          throw new NumberFormatException();
        }
        rates.add(rate);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--rate takes events per second, such as 1000 or 1000,2000,5k; not " + text);
      }
    }
    return List.copyOf(rates);
  }

  private static String nonEmpty(Map<String, String> values, String flag) {
    String value = values.get(flag).strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(flag + " must not be empty");
    }
    return value;
  }

  private static double seconds(Map<String, String> values, String flag, boolean zeroAllowed) {
    String text = values.get(flag);
    try {
      double seconds = Double.parseDouble(text);
      if (seconds < 0 || (!zeroAllowed && seconds == 0) || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes seconds" + (zeroAllowed ? " (0 or more)" : " (above 0)") + ", not " + text);
    }
  }

  private static double positive(Map<String, String> values, String flag) {
    String text = values.get(flag);
    try {
      double value = Double.parseDouble(text);
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a number above 0, not " + text);
    }
  }

  private static long whole(Map<String, String> values, String flag) {
    String text = values.get(flag);
    try {
      long value = Long.parseLong(text.strip());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a whole number of 0 or more, not " + text);
    }
  }

  private static boolean bool(Map<String, String> values, String flag) {
    String text = values.get(flag).strip().toLowerCase();
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(flag + " takes true or false, not " + text);
    }
    return Boolean.parseBoolean(text);
  }
}
