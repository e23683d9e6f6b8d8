package io.momentum.server.live;

import io.momentum.streams.live.LiveDeltas;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The node-wide listener of each organisation's deltas on the clustered event bus. It keeps the
 * recent deltas, so that a client that reconnects to any event loop of this node can resume, and
 * passes each delta on to the listeners (one per event loop) in the order it heard them.
 *
 * <p>Thread-safe: listeners attach from their own event loops; deltas are handled on this feed's
 * context and handed to each listener on the listener's context.
 */
public final class LiveFeeds {

  /** A listener of one organisation's messages, called on its own context. */
  public record Listener(Context context, BiConsumer<String, DeltaBatch> onMessage) {
  }

  private final Vertx vertx;
  private final Context context;
  private final int maxHistoryEntries;
  private final long maxHistoryMillis;
  private final Map<String, Feed> feeds = new HashMap<>();

  /**
   * Creates the feeds; call it from a thread that is not an event loop (such as the main thread),
   * so that the feeds get an event-loop context of their own.
   *
   * @param maxHistoryEntries node and unit entries kept per organisation for resuming; a busy
   *     organisation's deltas carry many entries, so the history is bounded by entries, not messages
   * @param maxHistoryMillis age beyond which kept deltas are dropped
   */
  public LiveFeeds(Vertx vertx, int maxHistoryEntries, long maxHistoryMillis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.maxHistoryEntries = maxHistoryEntries;
    this.maxHistoryMillis = maxHistoryMillis;
  }

  private final class Feed {
    final String orgId;
    final ArrayDeque<Kept> history = new ArrayDeque<>();
    int historyEntries;
    final List<Listener> listeners = new ArrayList<>();
    MessageConsumer<JsonObject> consumer;
    Future<Void> ready;
    String epoch;

    Feed(String orgId) {
      this.orgId = orgId;
    }

    void onMessage(JsonObject message) {
      DeltaBatch batch = DeltaBatch.of(message);
      List<Listener> targets;
      synchronized (LiveFeeds.this) {
        epoch = batch.epoch();
        if (batch.reset()) {
          clearHistory();
        } else {
          Kept last = history.peekLast();
          if (last != null && !last.batch().epoch().equals(batch.epoch())) {
            clearHistory();
          }
          keep(batch);
        }
        targets = List.copyOf(listeners);
      }
      for (Listener listener : targets) {
        listener.context().runOnContext(v -> listener.onMessage().accept(orgId, batch));
      }
    }

    private void keep(DeltaBatch batch) {
      long now = System.currentTimeMillis();
      history.add(new Kept(batch, now));
      historyEntries += batch.size();
      while (history.size() > 1 && (historyEntries > maxHistoryEntries
          || now - history.peekFirst().receivedAt() > maxHistoryMillis)) {
        historyEntries -= history.removeFirst().batch().size();
      }
    }

    private void clearHistory() {
      history.clear();
      historyEntries = 0;
    }
  }

  /** A delta kept for resuming, with when it arrived. */
  private record Kept(DeltaBatch batch, long receivedAt) {
  }

  /**
   * Adds a listener of an organisation's messages; completes when the event-bus consumer is
   * registered across the cluster, so no delta published afterwards is missed.
   */
  public Future<Void> attach(String orgId, Listener listener) {
    Feed feed;
    Promise<Void> registered = null;
    synchronized (this) {
      feed = feeds.get(orgId);
      if (feed == null) {
        feed = new Feed(orgId);
        feeds.put(orgId, feed);
        registered = Promise.promise();
        feed.ready = registered.future();
      }
      if (!feed.listeners.contains(listener)) {
        feed.listeners.add(listener);
      }
    }
    if (registered != null) {
      Feed newFeed = feed;
      Promise<Void> promise = registered;
      context.runOnContext(v -> {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(LiveDeltas.address(orgId),
            message -> newFeed.onMessage(message.body()));
        synchronized (LiveFeeds.this) {
          newFeed.consumer = consumer;
        }
        consumer.completion().onComplete(promise);
      });
    }
    return feed.ready;
  }

  /** Removes a listener; the organisation's history is kept for clients that come back. */
  public synchronized void detach(String orgId, Listener listener) {
    Feed feed = feeds.get(orgId);
    if (feed != null) {
      feed.listeners.remove(listener);
    }
  }

  /** Returns the organisation's recent deltas, oldest first. */
  public synchronized List<DeltaBatch> history(String orgId) {
    Feed feed = feeds.get(orgId);
    return feed == null ? List.of() : feed.history.stream().map(Kept::batch).toList();
  }

  /** Returns the epoch of the organisation's latest message, or null before the first one. */
  public synchronized String epoch(String orgId) {
    Feed feed = feeds.get(orgId);
    return feed == null ? null : feed.epoch;
  }

  /** Stops listening to every organisation. */
  public synchronized void close() {
    feeds.values().forEach(f -> {
      if (f.consumer != null) {
        f.consumer.unregister();
      }
    });
    feeds.clear();
  }
}
