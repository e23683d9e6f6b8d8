package io.momentum.server.bench;

import io.momentum.server.integrations.JiraSignature;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays signed Jira Cloud issue deliveries over HTTP against a running node and measures how
 * many deliveries per second it processes until the mapped initiatives show the final state.
 *
 * <p>Each round creates two initiatives and a Jira connection with one rule per epic in the
 * token's organisation, then sends {@code --deliveries} deliveries for {@code --issues} stories
 * (one created event, then updates that change status and estimate), with at most
 * {@code --concurrency} requests in flight. The clock runs from the first request until both
 * initiatives show every story with the final done points. Bodies are built and signed before
 * the clock starts. It is not part of the test run: {@code deploy/bench/webhooks.sh} starts a
 * node and runs it, and {@code --help} lists the options.
 */
public final class WebhookReplayBenchmark {

  private static final String SECRET = "webhook-replay-benchmark-secret";
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
      .withZone(ZoneOffset.UTC);
  private static final String USAGE = """
      Usage: WebhookReplayBenchmark --token TOKEN [options]
        --base-url URL      node address (default http://127.0.0.1:8080)
        --token TOKEN       API token with write access to the organisation to use
        --deliveries N      deliveries per round (default 10000)
        --issues N          stories per round; each gets deliveries / issues deliveries (default 1000)
        --concurrency N     maximum requests in flight (default 32)
        --rounds N          rounds, each with a fresh connection and fresh issue ids (default 6: the JIT compiler
                            still takes a tenth of a core in round 5)
        --shuffle SEED      send each round in an order shuffled with this seed instead of step by step
        --timeout SECONDS   maximum wait for the final state per round (default 120)
        --server-pid PID    node process, to report its CPU time
        --postgres-pid PID  postmaster of the node's PostgreSQL, to report its CPU time and its children's
        --report FILE       also write the results as JSON to FILE
      """;

  private final Options options;
  // HTTP/1.1 as trackers send webhooks: by default the JDK client upgrades to h2c and multiplexes every
  // request over one connection, which Vert.x then serves on one event loop.
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final AtomicLong issueIds = new AtomicLong(1_000_000);

  private WebhookReplayBenchmark(Options options) {
    this.options = options;
  }

  /** Command-line settings, as {@link #USAGE} describes them. */
  private record Options(String baseUrl, String token, int deliveries, int issues, int concurrency, int rounds,
                         Long shuffleSeed, int timeoutSeconds, Long serverPid, Long postgresPid, Path report) {

    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if ("--help".equals(args[i])) {
          System.out.print(USAGE);
          System.exit(0);
        }
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("Invalid argument " + args[i] + ": give each option as --name VALUE\n" + USAGE);
        }
        values.put(args[i].substring(2), args[++i]);
      }
      String token = values.get("token");
      if (token == null) {
        throw new IllegalArgumentException("Missing --token\n" + USAGE);
      }
      int deliveries = Integer.parseInt(values.getOrDefault("deliveries", "10000"));
      int issues = Integer.parseInt(values.getOrDefault("issues", "1000"));
      if (issues < 2 || deliveries < issues) {
        throw new IllegalArgumentException("--issues must be at least 2 and at most --deliveries, not " + issues);
      }
      return new Options(values.getOrDefault("base-url", "http://127.0.0.1:8080"), token, deliveries, issues,
          Integer.parseInt(values.getOrDefault("concurrency", "32")),
          Integer.parseInt(values.getOrDefault("rounds", "6")),
          values.containsKey("shuffle") ? Long.valueOf(values.get("shuffle")) : null,
          Integer.parseInt(values.getOrDefault("timeout", "120")),
          values.containsKey("server-pid") ? Long.valueOf(values.get("server-pid")) : null,
          values.containsKey("postgres-pid") ? Long.valueOf(values.get("postgres-pid")) : null,
          values.containsKey("report") ? Path.of(values.get("report")) : null);
    }
  }

  /** One signed delivery, ready to send. */
  private record Delivery(String id, byte[] body, String signature) {
  }

  /** The deliveries of one round and the state the initiatives must reach. */
  private record Plan(List<Delivery> deliveries, int itemsA, int itemsB, double donePointsA, double donePointsB) {
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new WebhookReplayBenchmark(options).run();
  }

  private void run() throws Exception {
    JsonArray rounds = new JsonArray();
    for (int round = 1; round <= options.rounds(); round++) {
      JsonObject result = round(round);
      rounds.add(result);
      System.out.println("round " + round + ": " + result.encode());
    }
    JsonObject report = new JsonObject().put("deliveries", options.deliveries()).put("issues", options.issues())
        .put("concurrency", options.concurrency()).put("shuffleSeed", options.shuffleSeed()).put("rounds", rounds);
    if (options.report() != null) {
      Files.writeString(options.report(), report.encodePrettily());
    }
    boolean allFinished = rounds.stream().allMatch(r -> ((JsonObject) r).getBoolean("finished"));
    System.exit(allFinished ? 0 : 1);
  }

  private JsonObject round(int round) throws Exception {
    String epicA = "BENCH-" + issueIds.incrementAndGet();
    String epicB = "BENCH-" + issueIds.incrementAndGet();
    String initiativeA = create("/api/v1/initiatives", new JsonObject().put("key", "replay-" + round + "-a-" + shortId())
        .put("title", "Webhook replay " + round + " A")).getString("id");
    String initiativeB = create("/api/v1/initiatives", new JsonObject().put("key", "replay-" + round + "-b-" + shortId())
        .put("title", "Webhook replay " + round + " B")).getString("id");
    String connectionId = create("/api/v1/integrations/connections", new JsonObject().put("kind", "jira")
        .put("name", "Webhook replay " + round + " " + shortId()).put("secret", SECRET)).getString("id");
    for (String[] rule : new String[][] {{epicA, initiativeA}, {epicB, initiativeB}}) {
      create("/api/v1/integrations/connections/" + connectionId + "/rules", new JsonObject()
          .put("matchKind", "issue_key").put("matchValue", rule[0]).put("initiativeId", rule[1]));
    }
    Plan plan = plan(epicA, epicB);
    URI webhook = URI.create(options.baseUrl() + "/api/v1/integrations/jira/" + connectionId);
    CpuSample cpuBefore = CpuSample.take(options.serverPid(), options.postgresPid());

    long start = System.nanoTime();
    Sent sent = send(webhook, plan.deliveries());
    long sendEnd = System.nanoTime();
    boolean finished = awaitFinalState(initiativeA, plan.itemsA(), plan.donePointsA(), start)
        && awaitFinalState(initiativeB, plan.itemsB(), plan.donePointsB(), start);
    long end = System.nanoTime();
    CpuSample cpuAfter = CpuSample.take(options.serverPid(), options.postgresPid());

    double seconds = (end - start) / 1e9;
    double sendSeconds = (sendEnd - start) / 1e9;
    long[] latencies = sent.latenciesMicros();
    Arrays.sort(latencies);
    JsonObject result = new JsonObject()
        .put("round", round)
        .put("finished", finished)
        .put("deliveries", plan.deliveries().size())
        .put("sendSeconds", round(sendSeconds, 3))
        .put("sentPerSecond", round(plan.deliveries().size() / sendSeconds, 0))
        .put("finalStateSeconds", round(seconds, 3))
        .put("deliveriesPerSecond", round(plan.deliveries().size() / seconds, 0))
        .put("statuses", new JsonObject(new HashMap<>(sent.statuses())))
        .put("failures", sent.failures())
        .put("latencyMs", new JsonObject()
            .put("p50", percentile(latencies, 0.50))
            .put("p90", percentile(latencies, 0.90))
            .put("p99", percentile(latencies, 0.99))
            .put("max", latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0));
    if (cpuBefore != null && cpuAfter != null) {
      JsonObject cpu = cpuAfter.since(cpuBefore, seconds);
      // CPU milliseconds each delivery cost, which depends less on other load of the machine than the rate does.
      double perDelivery = seconds * 1_000 / plan.deliveries().size();
      cpu.put("msPerDelivery", new JsonObject()
          .put("node", round(cpu.getDouble("nodeCores") * perDelivery, 3))
          .put("postgres", round(cpu.getDouble("postgresCores") * perDelivery, 3))
          .put("client", round(cpu.getDouble("clientCores") * perDelivery, 3)));
      result.put("cpu", cpu);
    }
    return result;
  }

  /**
   * Builds the deliveries of one round. Story {@code i} belongs to epic A when {@code i} is even.
   * Every story is created as "to do" and moves to "in progress" a third of the way through its
   * updates. Two of three stories end "done", and the estimate changes with every update.
   */
  private Plan plan(String epicA, String epicB) {
    int perIssue = options.deliveries() / options.issues();
    int extra = options.deliveries() % options.issues();
    List<List<Delivery>> byIssue = new ArrayList<>();
    int itemsA = 0;
    int itemsB = 0;
    double doneA = 0;
    double doneB = 0;
    Instant base = Instant.parse("2026-11-02T08:00:00Z");
    for (int i = 0; i < options.issues(); i++) {
      String id = String.valueOf(issueIds.incrementAndGet());
      boolean inA = i % 2 == 0;
      String epic = inA ? epicA : epicB;
      int count = perIssue + (i < extra ? 1 : 0);

      List<Delivery> deliveries = new ArrayList<>();
      String category = "new";
      int points = 0;
      for (int step = 0; step < count; step++) {
        category = category(i, step, count);
        points = 1 + (i + step) % 8;
        Instant updated = base.plusSeconds(step * 3_600L).plusMillis(i);
        deliveries.add(delivery(step == 0 ? "jira:issue_created" : "jira:issue_updated", id, epic, category, points, updated));
      }
      byIssue.add(deliveries);

      if (inA) {
        itemsA++;
        doneA += "done".equals(category) ? points : 0;
      } else {
        itemsB++;
        doneB += "done".equals(category) ? points : 0;
      }
    }

    List<Delivery> ordered = new ArrayList<>();
    for (int step = 0; step <= perIssue; step++) {
      for (List<Delivery> deliveries : byIssue) {
        if (step < deliveries.size()) {
          ordered.add(deliveries.get(step));
        }
      }
    }
    if (options.shuffleSeed() != null) {
      Collections.shuffle(ordered, new Random(options.shuffleSeed()));
    }
    return new Plan(ordered, itemsA, itemsB, doneA, doneB);
  }

  /** Returns the Jira status category key of story {@code issue} after delivery {@code step} of {@code count}. */
  private static String category(int issue, int step, int count) {
    if (step == count - 1) {
      return issue % 3 == 2 ? "indeterminate" : "done";
    }
    if (step > 0 && step >= count / 3) {
      return "indeterminate";
    }
    return "new";
  }

  private static Delivery delivery(String event, String id, String epic, String category, int points, Instant updated) {
    JsonObject fields = new JsonObject()
        .put("summary", "Replay story " + id)
        .put("project", new JsonObject().put("id", "10000").put("key", "BENCH"))
        .put("issuetype", new JsonObject().put("name", "Story").put("subtask", false).put("hierarchyLevel", 0))
        .put("status", new JsonObject().put("name", "Status " + category)
            .put("statusCategory", new JsonObject().put("key", category).put("name", category)))
        .put("labels", new JsonArray().add("replay"))
        .put("customfield_10016", points)
        .put("parent", new JsonObject().put("id", epic.substring(epic.indexOf('-') + 1)).put("key", epic)
            .put("fields", new JsonObject().put("summary", "Epic " + epic)
                .put("issuetype", new JsonObject().put("name", "Epic").put("hierarchyLevel", 1))))
        .put("updated", JIRA_TIME.format(updated))
        .put("created", "2026-11-01T08:00:00.000+0000");
    JsonObject body = new JsonObject()
        .put("timestamp", updated.toEpochMilli())
        .put("webhookEvent", event)
        .put("issue_event_type_name", "issue_generic")
        .put("issue", new JsonObject().put("id", id).put("key", "BENCH-" + id).put("fields", fields));
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    return new Delivery(UUID.randomUUID().toString(), bytes, JiraSignature.sign(SECRET, bytes));
  }

  /** The outcome of sending one round: response statuses, transport failures and latencies. */
  private record Sent(Map<String, Integer> statuses, int failures, long[] latenciesMicros) {
  }

  /**
   * Sends the deliveries with a Vert.x HTTP/1.1 client on one event loop, over at most
   * {@code --concurrency} keep-alive connections. The benchmark shares the machine's cores with
   * the node, so its sender is the leanest client at hand: the JDK client used about 0.4 ms of
   * CPU per request here, more than the node's webhook handler itself.
   */
  private Sent send(URI webhook, List<Delivery> deliveries) throws InterruptedException {
    Semaphore inFlight = new Semaphore(options.concurrency());
    CountDownLatch done = new CountDownLatch(deliveries.size());
    Map<String, Integer> statuses = new ConcurrentHashMap<>();
    AtomicInteger failures = new AtomicInteger();
    long[] latencies = new long[deliveries.size()];
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions()
            .setDefaultHost(webhook.getHost())
            .setDefaultPort(webhook.getPort())
            .setKeepAlive(true)
            .setConnectTimeout(5_000),
        new PoolOptions().setHttp1MaxSize(options.concurrency()));
    try {
      for (int i = 0; i < deliveries.size(); i++) {
        Delivery delivery = deliveries.get(i);
        int index = i;
        inFlight.acquire();
        long sentAt = System.nanoTime();
        RequestOptions request = new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI(webhook.getRawPath())
            .setTimeout(30_000)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("X-Atlassian-Webhook-Identifier", delivery.id())
            .putHeader(JiraSignature.HEADER, delivery.signature());
        http.request(request)
            .compose(sending -> sending.send(Buffer.buffer(delivery.body())))
            .compose(response -> response.body().map(body -> {
              if (response.statusCode() != 200) {
                failures.incrementAndGet();
                return "http " + response.statusCode();
              }
              return new JsonObject(body).getString("status", "none");
            }))
            .onComplete(outcome -> {
              latencies[index] = (System.nanoTime() - sentAt) / 1_000;
              if (outcome.failed()) {
                failures.incrementAndGet();
                statuses.merge("transport error", 1, Integer::sum);
              } else {
                statuses.merge(outcome.result(), 1, Integer::sum);
              }
              inFlight.release();
              done.countDown();
            });
      }
      done.await();
    } finally {
      http.close();
      vertx.close();
    }
    return new Sent(statuses, failures.get(), latencies);
  }

  /** Polls the initiative every 20 ms until it shows {@code items} work items and {@code donePoints} done. */
  private boolean awaitFinalState(String initiativeId, int items, double donePoints, long start)
      throws IOException, InterruptedException {
    long deadline = start + options.timeoutSeconds() * 1_000_000_000L;
    JsonObject work = null;
    while (System.nanoTime() < deadline) {
      JsonObject initiative = get("/api/v1/initiatives/" + initiativeId);
      work = initiative.getJsonObject("workItems");
      if (work != null && work.getInteger("items", -1) == items && work.getDouble("done", -1.0) == donePoints) {
        return true;
      }
      Thread.sleep(20);
    }
    System.err.println("Initiative " + initiativeId + " did not reach " + items + " items and " + donePoints
        + " done points within " + options.timeoutSeconds() + " s; last work item rollup: " + work);
    return false;
  }

  private JsonObject create(String path, JsonObject body) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
        .header("Authorization", "Bearer " + options.token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("POST " + path + " failed with " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  private JsonObject get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
        .header("Authorization", "Bearer " + options.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " failed with " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static double percentile(long[] sortedMicros, double quantile) {
    if (sortedMicros.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, index)] / 1000.0;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /**
   * CPU time read from {@code /proc}, in clock ticks: the whole machine, the node process, the
   * node's embedded PostgreSQL server and this benchmark's own process.
   */
  private record CpuSample(long machineBusy, long machineTotal, long node, long postgres, long client) {

    /** Returns null when {@code pid} is null or {@code /proc} cannot be read. */
    static CpuSample take(Long pid, Long postmaster) {
      if (pid == null) {
        return null;
      }
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
          total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        // The node's PostgreSQL server: its postmaster and the postmaster's children. Other PostgreSQL
        // servers on the machine (a test run, a second node) are left out.
        long postgres = 0;
        if (postmaster != null) {
          try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
              String stat = readStat(process);
              long processId = Long.parseLong(process.getFileName().toString());
              if (stat != null && (processId == postmaster || parentOf(stat) == postmaster)) {
                postgres += processTicks(stat);
              }
            }
          }
        }
        String nodeStat = readStat(Path.of("/proc", pid.toString()));
        String clientStat = readStat(Path.of("/proc/self"));
        return new CpuSample(total - idle, total, nodeStat == null ? 0 : processTicks(nodeStat), postgres,
            clientStat == null ? 0 : processTicks(clientStat));
      } catch (IOException | RuntimeException e) {
        System.err.println("Reading CPU time from /proc failed: " + e);
        return null;
      }
    }

    private static String readStat(Path process) {
      try {
        return Files.readString(process.resolve("stat"));
      } catch (IOException e) {
        return null;
      }
    }

    /** Returns the parent process id of a {@code /proc/<pid>/stat} line. */
    private static long parentOf(String stat) {
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }

    /** Returns utime + stime of a {@code /proc/<pid>/stat} line, skipping the name in brackets, which may contain spaces. */
    private static long processTicks(String stat) {
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Returns the shares of one core used over {@code seconds}, assuming 100 clock ticks per second. */
    JsonObject since(CpuSample before, double seconds) {
      double ticks = seconds * 100;
      long cores = Runtime.getRuntime().availableProcessors();
      return new JsonObject()
          .put("machineBusyCores", round((machineBusy - before.machineBusy) * cores / (double) (machineTotal - before.machineTotal), 2))
          .put("nodeCores", round((node - before.node) / ticks, 2))
          .put("postgresCores", round((postgres - before.postgres) / ticks, 2))
          .put("clientCores", round((client - before.client) / ticks, 2));
    }
  }
}
