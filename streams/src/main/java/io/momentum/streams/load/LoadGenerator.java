package io.momentum.streams.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Momentum's end-to-end load generator. For each step it publishes
 * {@code momentum.keyresult.value} events to Kafka at a fixed rate, while WebSocket clients
 * watch live boards and record how long each new value takes to reach them; it samples the
 * server's heap, consumer lag, RSS and CPU, and prints (and optionally writes as JSON) one result
 * per step. Run it with {@code --help} for the options.
 */
public final class LoadGenerator {

  /** Boards opened at once while connecting, so snapshot reads do not all hit the server together. */
  private static final int CONNECT_CONCURRENCY = 10;
  private static final long DRAIN_POLL_MILLIS = 200;

  private final LoadOptions options;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final BoardClient.Totals totals = new BoardClient.Totals();
  private final List<BoardClient> clients = new ArrayList<>();

  private LoadGenerator(LoadOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.print(LoadOptions.help());
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(arguments, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid arguments: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      new LoadGenerator(options).run();
    } catch (Exception e) {
      System.err.println("The load run failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private void run() throws Exception {
    log("Settings: " + options.describe());
    OrgCatalog catalog = OrgCatalog.fetch(http, options.baseUrl(), options.token());
    log("Organisation " + options.orgId() + ": " + catalog.keyResults().size() + " increase/decrease key results in open cycles, "
        + catalog.unitIds().size() + " units");
    checkCatalog(catalog);

    Vertx vertx = Vertx.vertx();
    WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(options.boards() + 10)
        .setTryUsePerMessageCompression(options.wsCompression())
        .setMaxFrameSize(1024 * 1024)
        .setMaxMessageSize(64 * 1024 * 1024));
    List<StepResult> results = new ArrayList<>();
    String source = options.source() + ":" + runId;
    try (ServerProbe probe = new ServerProbe(http, options.baseUrl(), options.serverPid(), options.sampleMillis());
         ProgressSender sender = needsSender() ? new ProgressSender(options, source, catalog.keyResults()) : null) {
      openBoards(wsClient, catalog.unitIds());
      Set<String> targetKeys = new HashSet<>();
      catalog.keyResults().forEach(t -> targetKeys.add(t.key()));
      int watched = clients.stream().mapToInt(c -> c.book().countKeys(targetKeys)).sum();
      log("Opened " + clients.size() + " boards; together they show " + watched + " target key-result nodes");

      int failures = 0;
      for (int i = 0; i < options.rates().size(); i++) {
        if (i > 0) {
          Thread.sleep((long) (options.pauseSeconds() * 1000));
        }
        if (options.serverPid() > 0 && !Files.exists(Path.of("/proc", Long.toString(options.serverPid())))) {
          log("The server process " + options.serverPid() + " has exited; skipping the remaining steps");
          break;
        }
        StepResult result = runStep(options.rates().get(i), sender, probe);
        results.add(result);
        System.out.print(result.toText());
        writeReport(catalog, results);
        if (result.rate() > 0 && !result.sustained()) {
          failures++;
          if (options.stopAfterFailures() > 0 && failures >= options.stopAfterFailures()) {
            log("Stopping after " + failures + " step(s) that were not sustained");
            break;
          }
        }
      }
      System.out.print(summary(results));
    } finally {
      try {
        Future.all(clients.stream().map(BoardClient::close).toList())
            .transform(ar -> wsClient.close())
            .transform(ar -> vertx.close())
            .await(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        log("Closing the WebSockets timed out after 10 s; the server may have stopped answering");
      }
    }
  }

  private boolean needsSender() {
    return options.rates().stream().anyMatch(r -> r > 0);
  }

  private void checkCatalog(OrgCatalog catalog) {
    if (needsSender() && catalog.keyResults().isEmpty()) {
      throw new IllegalStateException("organisation " + options.orgId()
          + " has no key result measured by increase or decrease with a start and a target; nothing to send to");
    }
    if (options.boards() > 0 && catalog.unitIds().isEmpty()) {
      throw new IllegalStateException("organisation " + options.orgId() + " has no units, so there is no board to open");
    }
    long now = Micros.now();
    long ahead = catalog.keyResults().stream().filter(t -> t.currentAtMicros() > now).count();
    if (ahead > 0) {
      log("WARNING: " + ahead + " key results hold a value timed in the future; events older than it are not applied");
    }
  }

  /** Opens one board per client, spread round-robin over the units, a few at a time. */
  private void openBoards(WebSocketClient wsClient, List<String> unitIds) throws TimeoutException {
    for (int i = 0; i < options.boards(); i++) {
      clients.add(new BoardClient("unit:" + unitIds.get(i % unitIds.size()), totals));
    }
    for (int from = 0; from < clients.size(); from += CONNECT_CONCURRENCY) {
      List<Future<Void>> opening = new ArrayList<>();
      for (BoardClient client : clients.subList(from, Math.min(clients.size(), from + CONNECT_CONCURRENCY))) {
        opening.add(client.open(wsClient, options.baseUrl(), options.token())
            .recover(e -> Future.failedFuture(new IllegalStateException("opening board " + client.board() + " failed: " + e.getMessage(), e))));
      }
      Future.all(opening).await(60, TimeUnit.SECONDS);
    }
  }

  private StepResult runStep(double rate, ProgressSender sender, ServerProbe probe) throws Exception {
    long warmupNanos = (long) (options.warmupSeconds() * 1e9);
    long measureNanos = (long) (options.durationSeconds() * 1e9);
    long nowNanos = System.nanoTime();
    long nowMicros = Micros.now();
    long startNanos = nowNanos + 200_000_000L;
    long startMicros = nowMicros + 200_000L;
    long measureFromMicros = startMicros + warmupNanos / 1_000;
    long sendEndMicros = measureFromMicros + measureNanos / 1_000;
    for (BoardClient client : clients) {
      client.book().window(measureFromMicros, sendEndMicros);
      client.book().takeInterval();
    }
    log(String.format("Step at %.0f events/s: %.0f s warm-up, %.0f s measured", rate, options.warmupSeconds(),
        options.durationSeconds()));

    ProgressSender.Outcome[] outcome = new ProgressSender.Outcome[1];
    Thread senderThread = null;
    if (rate > 0) {
      senderThread = new Thread(() -> outcome[0] = sender.run(rate, startNanos, startMicros, warmupNanos, measureNanos),
          "progress-sender");
      senderThread.start();
    }

    sleepUntilMicros(measureFromMicros);
    Counters before = counters();
    sleepUntilMicros(sendEndMicros);
    Counters after = counters();
    if (senderThread != null) {
      senderThread.join();
    }

    long drainStarted = System.nanoTime();
    Map<String, Long> lastSent = sender == null ? Map.of() : sender.lastSentMillisByKey();
    int behind = behind(lastSent);
    long drainLimit = drainStarted + (long) (options.drainSeconds() * 1e9);
    while (behind > 0 && System.nanoTime() < drainLimit) {
      Thread.sleep(DRAIN_POLL_MILLIS);
      behind = behind(lastSent);
    }
    double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;

    Histogram latency = new Histogram(3);
    for (BoardClient client : clients) {
      latency.add(client.book().takeInterval());
    }
    return result(rate, outcome[0], sender, probe, before, after, latency, behind, drainSeconds,
        measureFromMicros / 1_000, sendEndMicros / 1_000);
  }

  private int behind(Map<String, Long> lastSent) {
    return clients.stream().mapToInt(c -> c.book().behind(lastSent)).sum();
  }

  /** Totals read at the start and the end of the measured part. */
  private record Counters(long nanos, long deltas, long nodeUpdates, long snapshots, long disconnects,
                          double serverCpuSeconds, double generatorCpuSeconds) {
  }

  private Counters counters() {
    return new Counters(System.nanoTime(), totals.deltas.sum(), totals.nodeUpdates.sum(), totals.snapshots.sum(),
        totals.disconnects.sum(), options.serverPid() > 0 ? ServerProbe.cpuSeconds(options.serverPid()) : -1,
        os.getProcessCpuTime() / 1e9);
  }

  private StepResult result(double rate, ProgressSender.Outcome outcome, ProgressSender sender, ServerProbe probe,
                            Counters before, Counters after, Histogram latency, int behind, double drainSeconds,
                            long measureFromMillis, long measureToMillis) {
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    List<ServerProbe.Sample> samples = probe.between(measureFromMillis, measureToMillis);
    List<SustainRule.LagPoint> lag = samples.stream().filter(s -> !Double.isNaN(s.lagRecords()))
        .map(s -> new SustainRule.LagPoint(s.atMillis(), s.lagRecords())).toList();
    double lagSlope = SustainRule.slopePerSecond(lag);
    double lagFirst = lag.isEmpty() ? Double.NaN : lag.get(0).records();
    double lagLast = lag.isEmpty() ? Double.NaN : lag.get(lag.size() - 1).records();
    double lagMax = lag.stream().mapToDouble(SustainRule.LagPoint::records).max().orElse(Double.NaN);
    double heapMax = samples.stream().mapToDouble(ServerProbe.Sample::heapBytes).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    double liveDataMax = samples.stream().mapToDouble(ServerProbe.Sample::liveDataBytes).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    double gcPause = 100 * perSecond(samples, ServerProbe.Sample::gcPauseSeconds);
    long rssMax = samples.stream().mapToLong(ServerProbe.Sample::rssBytes).max().orElse(-1);
    double applied = perSecond(samples, ServerProbe.Sample::appliedEvents);
    double batchesPerSecond = perSecond(samples, ServerProbe.Sample::batches);
    double batchSecondsPerSecond = perSecond(samples, ServerProbe.Sample::batchSeconds);
    double meanBatchMillis = batchesPerSecond > 0 ? 1000 * batchSecondsPerSecond / batchesPerSecond : Double.NaN;
    double maxBatchMillis = 1000 * samples.stream().mapToDouble(ServerProbe.Sample::batchMaxSeconds)
        .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    double serverCpu = before.serverCpuSeconds() < 0 || after.serverCpuSeconds() < 0 ? -1
        : 100 * (after.serverCpuSeconds() - before.serverCpuSeconds()) / seconds;
    double generatorCpu = 100 * (after.generatorCpuSeconds() - before.generatorCpuSeconds()) / seconds;

    double sent = outcome == null ? 0 : outcome.sentPerSecond();
    double p99 = latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0;
    List<String> missed = rate == 0 ? List.of() : SustainRule.missed(rate, sent, outcome.failed(), lagSlope, lagLast,
        p99, options.maxP99Millis(), behind);
    if (outcome != null && outcome.firstError() != null) {
      log("First failed send: " + outcome.firstError());
    }
    clients.stream().map(BoardClient::lastError).filter(e -> e != null).findFirst()
        .ifPresent(e -> log("Last board error seen: " + e));
    return new StepResult(rate, sent, outcome == null ? 0 : outcome.acknowledgedPerSecond(),
        outcome == null ? 0 : outcome.failed(), outcome == null ? 0 : outcome.maxBehindMicros() / 1000.0, applied,
        batchesPerSecond, meanBatchMillis, maxBatchMillis,
        (after.deltas() - before.deltas()) / seconds, (after.nodeUpdates() - before.nodeUpdates()) / seconds, latency,
        heapMax, liveDataMax, gcPause, rssMax, serverCpu, generatorCpu, lagFirst, lagLast, lagMax, lagSlope, behind, drainSeconds,
        after.snapshots() - before.snapshots(), after.disconnects() - before.disconnects(),
        sender == null ? 0 : sender.bumpedTimes(), rate > 0 && missed.isEmpty(), missed);
  }

  /** Returns how fast a counter of the server grew between the first and the last sample that has it. */
  private static double perSecond(List<ServerProbe.Sample> samples, ToDoubleFunction<ServerProbe.Sample> counter) {
    List<ServerProbe.Sample> withCounter = samples.stream().filter(s -> !Double.isNaN(counter.applyAsDouble(s))).toList();
    if (withCounter.size() < 2) {
      return Double.NaN;
    }
    ServerProbe.Sample first = withCounter.get(0);
    ServerProbe.Sample last = withCounter.get(withCounter.size() - 1);
    return (counter.applyAsDouble(last) - counter.applyAsDouble(first)) * 1000.0 / (last.atMillis() - first.atMillis());
  }

  private static String summary(List<StepResult> results) {
    StringBuilder text = new StringBuilder(String.format("%nSummary%n%10s %10s %10s %10s %9s %9s %9s %9s %9s %9s %s%n",
        "rate/s", "sent/s", "applied/s", "deltas/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "heap MiB", "live MiB",
        "sustained"));
    double best = 0;
    for (StepResult r : results) {
      text.append(String.format("%10.0f %10.0f %10.0f %10.0f %9.1f %9.1f %9.1f %9.1f %9.0f %9.0f %s%n", r.rate(),
          r.sentPerSecond(), r.appliedPerSecond(), r.deltasPerSecond(), r.latencyMillis(50), r.latencyMillis(99),
          r.latencyMillis(99.9), r.maxLatencyMillis(), r.heapMaxBytes() / (1024.0 * 1024.0),
          r.liveDataMaxBytes() / (1024.0 * 1024.0),
          r.rate() == 0 ? "watch only" : r.sustained() ? "yes" : "no"));
      if (r.sustained()) {
        best = Math.max(best, r.rate());
      }
    }
    if (results.stream().anyMatch(r -> r.rate() > 0)) {
      text.append(best > 0 ? String.format("Highest sustained rate: %.0f events/s%n", best)
          : String.format("No step was sustained%n"));
    }
    return text.toString();
  }

  private void writeReport(OrgCatalog catalog, List<StepResult> results) throws IOException {
    if (options.report() == null) {
      return;
    }
    JsonArray steps = new JsonArray();
    results.forEach(r -> steps.add(r.toJson()));
    JsonObject report = new JsonObject()
        .put("runId", runId)
        .put("at", Instant.now().toString())
        .put("settings", options.describe())
        .put("keyResults", catalog.keyResults().size())
        .put("units", catalog.unitIds().size())
        .put("boards", clients.size())
        .put("generatorJava", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("processors", Runtime.getRuntime().availableProcessors())
        .put("steps", steps);
    Path file = options.report();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, report.encodePrettily());
  }

  private static void sleepUntilMicros(long epochMicros) throws InterruptedException {
    long wait = epochMicros - Micros.now();
    if (wait > 0) {
      TimeUnit.MICROSECONDS.sleep(wait);
    }
  }

  private static void log(String message) {
    System.out.println(Instant.now() + " " + message);
  }
}
