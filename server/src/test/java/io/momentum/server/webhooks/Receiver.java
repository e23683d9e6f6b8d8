package io.momentum.server.webhooks;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request and responds with the queued
 * statuses in order, then with {@code 200}.
 */
public final class Receiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(long atMillis, String path, MultiMap headers, byte[] body) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int defaultStatus = 200;
  private String retryAfter;
  private long delayMillis;
  private int inFlight;
  private int maxInFlight;

  private Receiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on a free loopback port. */
  public static Receiver start(Vertx vertx) {
    Receiver[] holder = new Receiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Receiver receiver = holder[0];
      int status;
      long delay;
      synchronized (receiver) {
        receiver.received.add(new Received(System.currentTimeMillis(), request.path(),
            MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.getBytes()));
        Integer next = receiver.statuses.poll();
        status = next != null ? next : receiver.defaultStatus;
        delay = receiver.delayMillis;
        receiver.inFlight++;
        receiver.maxInFlight = Math.max(receiver.maxInFlight, receiver.inFlight);
      }
      if (delay > 0) {
        vertx.setTimer(delay, id -> receiver.respond(request, status));
      } else {
        receiver.respond(request, status);
      }
    }));
    holder[0] = new Receiver(server);
    server.listen(0, "127.0.0.1").await();
    return holder[0];
  }

  private void respond(io.vertx.core.http.HttpServerRequest request, int status) {
    synchronized (this) {
      inFlight--;
    }
    var response = request.response().setStatusCode(status);
    if (status == 302) {
      response.putHeader("Location", "http://127.0.0.1:1/elsewhere");
    }
    if (retryAfter != null) {
      response.putHeader("Retry-After", retryAfter);
    }
    response.end(status < 300 ? "ok" : "failure " + status);
  }

  /** Holds every response for {@code millis} before sending it. */
  synchronized Receiver delay(long millis) {
    delayMillis = millis;
    return this;
  }

  /** Returns the most requests that were open at the same time. */
  synchronized int maxInFlight() {
    return maxInFlight;
  }

  /** Responds to the next requests with these statuses, in order. */
  synchronized Receiver thenAnswer(Integer... next) {
    statuses.addAll(List.of(next));
    return this;
  }

  /** Responds to every request without a queued status with {@code status}. */
  synchronized Receiver alwaysAnswer(int status) {
    defaultStatus = status;
    return this;
  }

  /** Sends this Retry-After header with every response. */
  synchronized Receiver retryAfter(String value) {
    retryAfter = value;
    return this;
  }

  /** Returns the URL of the receiver's path {@code /hook}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hook";
  }

  /** Returns a copy of the requests so far. */
  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Waits up to {@code millis} until {@code count} requests arrived, and returns them. */
  public List<Received> await(int count, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (received().size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return received();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
