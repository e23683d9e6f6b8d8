package io.momentum.streams.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.atomic.LongAdder;

/**
 * One live board, as a screen would show it: a WebSocket subscribed to one board, holding each
 * node's {@code updatedAt} and recording in its {@link LatencyBook} how late each newer value
 * arrives. It replies to pings, so the server keeps it open however long the run takes.
 */
final class BoardClient {

  /** Counters shared by every client of a run. */
  static final class Totals {
    final LongAdder deltas = new LongAdder();
    final LongAdder nodeUpdates = new LongAdder();
    final LongAdder snapshots = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder disconnects = new LongAdder();
  }

  private final String board;
  private final Totals totals;
  private final LatencyBook book = new LatencyBook();
  private final Promise<Void> firstSnapshot = Promise.promise();
  private WebSocket socket;
  private boolean snapshotSeen;
  private volatile String lastError;

  BoardClient(String board, Totals totals) {
    this.board = board;
    this.totals = totals;
  }

  String board() {
    return board;
  }

  LatencyBook book() {
    return book;
  }

  String lastError() {
    return lastError;
  }

  /** Connects, subscribes, and completes when the board's first snapshot has arrived. */
  Future<Void> open(WebSocketClient client, URI baseUrl, String token) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(baseUrl.getHost())
        .setPort(baseUrl.getPort() < 0 ? 80 : baseUrl.getPort())
        .setURI("/api/v1/live")
        .addHeader("Authorization", "Bearer " + token);
    return client.connect(options).compose(ws -> {
      socket = ws;
      ws.textMessageHandler(this::onMessage);
      ws.closeHandler(v -> {
        totals.disconnects.increment();
        lastError = "closed by the server (status " + ws.closeStatusCode() + " " + ws.closeReason() + ")";
      });
      ws.exceptionHandler(e -> lastError = e.toString());
      return ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("board", board).encode());
    }).compose(v -> firstSnapshot.future());
  }

  Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  private void onMessage(String text) {
    long received = Micros.now();
    JsonObject message = new JsonObject(text);
    String type = message.getString("type", "");
    switch (type) {
      case "delta" -> onDelta(message, received);
      case "snapshot" -> onSnapshot(message, received);
      case "ping" -> socket.writeTextMessage("{\"type\":\"pong\"}");
      case "error" -> {
        totals.errors.increment();
        lastError = message.getString("code") + ": " + message.getString("message");
        if (!snapshotSeen && !"live_state_loading".equals(message.getString("code"))
            && !"snapshot_failed".equals(message.getString("code"))) {
          firstSnapshot.tryFail("subscribing to board " + board + " failed with " + lastError);
        }
      }
      default -> { }
    }
  }

  private void onDelta(JsonObject message, long received) {
    totals.deltas.increment();
    JsonArray nodes = message.getJsonArray("nodes");
    if (nodes == null) {
      return;
    }
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject node = nodes.getJsonObject(i);
      long updatedAt = Micros.parse(node.getString("updatedAt"));
      if (updatedAt >= 0 && book.observe(node.getString("id"), node.getString("key"), updatedAt, received) >= 0) {
        totals.nodeUpdates.increment();
      }
    }
  }

  /**
   * Holds the first snapshot as the starting state. A later snapshot (sent when this client fell
   * behind, or after the server rebuilt its state) is what the screen then shows, so its newer
   * values are recorded like those of a delta.
   */
  private void onSnapshot(JsonObject message, long received) {
    totals.snapshots.increment();
    JsonArray nodes = message.getJsonArray("nodes", new JsonArray());
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject node = nodes.getJsonObject(i);
      long updatedAt = Micros.parse(node.getString("updatedAt"));
      if (!snapshotSeen) {
        book.hold(node.getString("id"), node.getString("key"), updatedAt);
      } else if (updatedAt >= 0 && book.observe(node.getString("id"), node.getString("key"), updatedAt, received) >= 0) {
        totals.nodeUpdates.increment();
      }
    }
    snapshotSeen = true;
    firstSnapshot.tryComplete();
  }
}
