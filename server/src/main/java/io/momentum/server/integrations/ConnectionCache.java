package io.momentum.server.integrations;

import io.momentum.server.integrations.WorkItemSync.Connection;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Connections recently read by a webhook route, so that a busy tracker's deliveries do not read
 * the same connection row once each. A change made through this node's API drops the copies of
 * this JVM before the API responds ({@link #evictLocally}), so the next delivery reads the changed row.
 * {@link ConnectionChangeVerticle} passes every committed change, from any node, to the local event
 * bus at {@link #ADDRESS}, and the cache drops its copy. An entry also expires after
 * {@link #TTL_NANOS}, so while notifications do not arrive another node uses an old secret, rule
 * set or state map for at most that long.
 */
public final class ConnectionCache {

  /** Local event bus address of connection changes; the message body is the connection id. */
  static final String ADDRESS = "momentum.integrations.connection-changed";
  static final long TTL_NANOS = 5_000_000_000L;
  static final int MAX_ENTRIES = 10_000;

  private record Entry(Connection connection, long loadedAt) {
  }

  // Every cache of this JVM, for the evictions of changes made through its API.
  private static final Set<ConnectionCache> CACHES = Collections.newSetFromMap(new WeakHashMap<>());

  private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
  // Increases with every eviction, so a read that started before a change is not cached after it.
  private final AtomicLong evictions = new AtomicLong();
  private final LongSupplier nanoTime;

  ConnectionCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    synchronized (CACHES) {
      CACHES.add(this);
    }
  }

  /** Drops a changed or deleted connection from every cache of this JVM. */
  public static void evictLocally(UUID connectionId) {
    for (ConnectionCache cache : caches()) {
      cache.evict(connectionId);
    }
  }

  /** Drops every connection from every cache of this JVM, for changes that reach the rules of many. */
  public static void evictAllLocally() {
    for (ConnectionCache cache : caches()) {
      cache.evictAll();
    }
  }

  private static List<ConnectionCache> caches() {
    synchronized (CACHES) {
      return List.copyOf(CACHES);
    }
  }

  /** Creates a cache that drops the connections announced on the event bus of {@code vertx}. */
  static ConnectionCache listening(Vertx vertx) {
    ConnectionCache cache = new ConnectionCache(System::nanoTime);
    vertx.eventBus().<String>consumer(ADDRESS, message -> cache.evict(UUID.fromString(message.body())));
    return cache;
  }

  /** Returns the cached connection of {@code tracker}, or null when none is cached or it expired. */
  Connection get(UUID id, WorkItemSync.Tracker tracker) {
    Entry entry = entries.get(id);
    if (entry == null || entry.connection().tracker() != tracker) {
      return null;
    }
    if (nanoTime.getAsLong() - entry.loadedAt() > TTL_NANOS) {
      entries.remove(id, entry);
      return null;
    }
    return entry.connection();
  }

  /** Returns a token to pass to {@link #put} once the row has been read. */
  long beforeRead() {
    return evictions.get();
  }

  /** Caches a connection read after {@link #beforeRead} returned {@code token}, unless a change came in between. */
  void put(Connection connection, long token, long readStartedAt) {
    if (evictions.get() != token) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(connection.id(), new Entry(connection, readStartedAt));
  }

  /** Drops a connection, so the next delivery reads it again. */
  void evict(UUID id) {
    evictions.incrementAndGet();
    entries.remove(id);
  }

  /** Drops every connection. */
  void evictAll() {
    evictions.incrementAndGet();
    entries.clear();
  }

  long now() {
    return nanoTime.getAsLong();
  }
}
