package io.momentum.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Client loop that times {@code POST /api/v1/assist/quality-check} over HTTP, one request at a
 * time, and prints p50, p90, p99 and max in milliseconds. The body is an objective with 5 key
 * results. Not a test: run it by hand against a node on loopback.
 *
 * <pre>java -cp ... io.momentum.server.bench.QualityCheckLatency http://127.0.0.1:18480 TOKEN 500 3000</pre>
 *
 * Arguments: base URL, API token, warm-up requests, measured requests.
 */
public final class QualityCheckLatency {

  private static final String BODY = """
      {"language": "en",
       "objective": {"title": "New customers reach value in their first week", "ownerName": "Nina Roth"},
       "keyResults": [
        {"id": "kr1", "text": "Raise share of new teams with 3 or more check-ins in week 1 from 22 % to 45 %"},
        {"id": "kr2", "text": "Improve customer satisfaction"},
        {"id": "kr3", "text": "Launch the new onboarding flow by 31.03.2027"},
        {"id": "kr4", "text": "Raise NPS from 30 to 45 and cut churn from 4 % to 2 %"},
        {"id": "kr5", "text": "Keep CSAT above 90 %"}]}""";

  private QualityCheckLatency() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("Usage: QualityCheckLatency BASE_URL TOKEN WARMUP_REQUESTS MEASURED_REQUESTS");
      System.exit(2);
    }
    URI uri = URI.create(args[0] + "/api/v1/assist/quality-check");
    String token = args[1];
    int warmup = Integer.parseInt(args[2]);
    int measured = Integer.parseInt(args[3]);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

    for (int i = 0; i < warmup; i++) {
      send(client, request);
    }
    long[] nanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      long start = System.nanoTime();
      send(client, request);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf("requests=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", measured,
        millis(nanos, 0.50), millis(nanos, 0.90), millis(nanos, 0.99), nanos[measured - 1] / 1e6);
  }

  private static void send(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("quality check returned " + response.statusCode() + ": " + response.body());
    }
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
