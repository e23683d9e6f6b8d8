package io.momentum.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client of the live protocol for tests: sends messages and waits for answers. */
public final class LiveClient implements AutoCloseable {

  // Held for the socket's lifetime: Vert.x closes an unreachable client, and its connections with it.
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

  private LiveClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
  }

  /** Connects with an API token, or without credentials when {@code token} is null. */
  public static LiveClient connect(Vertx vertx, int port, String token) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/api/v1/live");
    if (token != null) {
      options.addHeader("Authorization", "Bearer " + token);
    }
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      return new LiveClient(client, client.connect(options).await());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Sends a subscribe message; {@code since} and {@code epoch} may be null. */
  public void subscribe(String board, Long since, String epoch) {
    JsonObject message = new JsonObject().put("type", "subscribe").put("board", board);
    if (since != null) {
      message.put("since", since);
    }
    if (epoch != null) {
      message.put("epoch", epoch);
    }
    send(message);
  }

  /** Sends any message. */
  public void send(JsonObject message) {
    socket.writeTextMessage(message.encode()).await();
  }

  /** Waits for the next message of a type, skipping pings; fails when none comes in time. */
  public JsonObject next(String type, Duration timeout) throws InterruptedException {
    return next(m -> type.equals(m.getString("type")), timeout);
  }

  /** Waits for the next message that matches, skipping the others; fails when none comes in time. */
  public JsonObject next(Predicate<JsonObject> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonObject> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new AssertionError("No matching live message within " + timeout + "; skipped " + skipped);
      }
      if (match.test(message)) {
        return message;
      }
      skipped.add(message);
    }
  }

  /** Returns the messages other than pings that arrive within {@code window}. */
  public List<JsonObject> drain(Duration window) throws InterruptedException {
    List<JsonObject> messages = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (message == null) {
        return messages;
      }
      if (!"ping".equals(message.getString("type"))) {
        messages.add(message);
      }
    }
  }

  /** Returns the node with the given key in a snapshot or delta message, or null when it has none. */
  public static JsonObject nodeByKey(JsonObject message, String key) {
    JsonArray nodes = message.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      if (key.equals(nodes.getJsonObject(i).getString("key"))) {
        return nodes.getJsonObject(i);
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close().otherwiseEmpty().await();
    }
    client.close().otherwiseEmpty().await();
  }
}
