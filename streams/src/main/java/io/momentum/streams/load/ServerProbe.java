package io.momentum.streams.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server under test at a fixed interval: heap, GC, consumer lag and applied events from
 * {@code /metrics}, and, given its process id, RSS and CPU time from /proc (Linux only).
 */
final class ServerProbe implements AutoCloseable {

  /** Clock ticks per second of /proc/[pid]/stat times; 100 on Linux on x86-64 and arm64. */
  private static final double CLOCK_TICKS_PER_SECOND = 100.0;

  /**
   * One sample. Fields are NaN (or -1 for the /proc ones) when the source did not have them.
   *
   * @param atMillis epoch milliseconds of the sample
   * @param heapBytes sum of {@code jvm_memory_used_bytes{area="heap"}}
   * @param liveDataBytes {@code jvm_gc_live_data_size_bytes}: old generation after the last major or concurrent GC
   * @param gcPauseSeconds total GC pause time since the server started, {@code jvm_gc_pause_seconds_sum}
   * @param lagRecords {@code momentum_consumer_lag_records}, measured by the server every 5 s
   * @param appliedEvents {@code momentum_events_ingested_total{outcome="applied"}}
   * @param batches ingest batches processed since the server started, {@code momentum_ingest_batch_latency_seconds_count}
   * @param batchSeconds their total processing time, {@code momentum_ingest_batch_latency_seconds_sum}
   * @param batchMaxSeconds the slowest recent batch, {@code momentum_ingest_batch_latency_seconds_max}
   * @param rssBytes VmRSS of the server process
   * @param cpuSeconds user plus system CPU time of the server process
   */
  record Sample(long atMillis, double heapBytes, double liveDataBytes, double gcPauseSeconds, double lagRecords, double appliedEvents, double batches, double batchSeconds, double batchMaxSeconds, long rssBytes,
                double cpuSeconds) {
  }

  private final HttpClient http;
  private final URI metricsUri;
  private final long pid;
  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "server-probe");
    thread.setDaemon(true);
    return thread;
  });
  private int failures;

  ServerProbe(HttpClient http, URI baseUrl, long pid, long intervalMillis) {
    this.http = http;
    this.metricsUri = baseUrl.resolve("/metrics");
    this.pid = pid;
    scheduler.scheduleAtFixedRate(this::sampleQuietly, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Returns the samples taken from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive). */
  synchronized List<Sample> between(long fromMillis, long toMillis) {
    return samples.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis).toList();
  }

  /** Returns the latest sample, or null before the first. */
  synchronized Sample latest() {
    return samples.isEmpty() ? null : samples.get(samples.size() - 1);
  }

  synchronized int failures() {
    return failures;
  }

  private void sampleQuietly() {
    try {
      Sample sample = sample();
      synchronized (this) {
        samples.add(sample);
      }
    } catch (IOException e) {
      synchronized (this) {
        if (failures++ == 0) {
          System.err.println("Sampling " + metricsUri + " failed (" + e.getMessage() + "); later failures are counted only");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Sample sample() throws IOException, InterruptedException {
    long at = System.currentTimeMillis();
    HttpRequest request = HttpRequest.newBuilder(metricsUri).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + metricsUri + " returned HTTP " + response.statusCode());
    }
    PrometheusText metrics = PrometheusText.parse(response.body());
    return new Sample(at,
        metrics.sum("jvm_memory_used_bytes", "area", "heap"),
        metrics.sum("jvm_gc_live_data_size_bytes"),
        metrics.sum("jvm_gc_pause_seconds_sum"),
        metrics.sum("momentum_consumer_lag_records"),
        metrics.sum("momentum_events_ingested_total", "outcome", "applied"),
        metrics.sum("momentum_ingest_batch_latency_seconds_count"),
        metrics.sum("momentum_ingest_batch_latency_seconds_sum"),
        metrics.sum("momentum_ingest_batch_latency_seconds_max"),
        pid > 0 ? rssBytes(pid) : -1,
        pid > 0 ? cpuSeconds(pid) : -1);
  }

  /** Reads VmRSS of a process from /proc/[pid]/status, or -1 when unreadable. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring("VmRSS:".length()).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Reads user plus system CPU time of a process from /proc/[pid]/stat, or -1 when unreadable. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name in brackets may contain spaces, so fields are counted after its ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long userTicks = Long.parseLong(fields[11]);
      long systemTicks = Long.parseLong(fields[12]);
      return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
