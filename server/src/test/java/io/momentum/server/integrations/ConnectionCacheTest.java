package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.integrations.WorkItemSync.Connection;
import io.momentum.server.integrations.WorkItemSync.Tracker;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionCacheTest {

  private final AtomicLong clock = new AtomicLong(1_000);
  private final ConnectionCache cache = new ConnectionCache(clock::get);

  private static Connection jira(UUID id, String secret) {
    return new Connection(Tracker.JIRA, id, "org-a", secret, "customfield_10016", 1, Map.of());
  }

  private void load(Connection connection) {
    cache.put(connection, cache.beforeRead(), cache.now());
  }

  @Test
  void cachedConnectionIsReturned() {
    Connection connection = jira(UUID.randomUUID(), "secret-one");

    load(connection);

    assertThat(cache.get(connection.id(), Tracker.JIRA)).isSameAs(connection);
  }

  @Test
  void otherTrackerMisses() {
    Connection connection = jira(UUID.randomUUID(), "secret-one");

    load(connection);

    assertThat(cache.get(connection.id(), Tracker.AZURE_DEVOPS)).isNull();
  }

  @Test
  void entryExpiresAfterTtl() {
    Connection connection = jira(UUID.randomUUID(), "secret-one");
    load(connection);

    clock.addAndGet(ConnectionCache.TTL_NANOS);
    Connection atTtl = cache.get(connection.id(), Tracker.JIRA);
    clock.addAndGet(1);
    Connection afterTtl = cache.get(connection.id(), Tracker.JIRA);

    assertThat(atTtl).isSameAs(connection);
    assertThat(afterTtl).isNull();
  }

  @Test
  void readOverlappingEvictionIsNotCached() {
    Connection stale = jira(UUID.randomUUID(), "old-secret");
    long token = cache.beforeRead();
    long startedAt = cache.now();

    cache.evict(stale.id());
    cache.put(stale, token, startedAt);

    assertThat(cache.get(stale.id(), Tracker.JIRA)).isNull();
  }

  @Test
  void localEvictionReachesEveryCache() {
    ConnectionCache other = new ConnectionCache(clock::get);
    Connection connection = jira(UUID.randomUUID(), "secret-one");
    load(connection);
    other.put(connection, other.beforeRead(), other.now());

    ConnectionCache.evictLocally(connection.id());

    assertThat(cache.get(connection.id(), Tracker.JIRA)).isNull();
    assertThat(other.get(connection.id(), Tracker.JIRA)).isNull();
  }

  @Test
  void evictAllDropsEveryConnection() {
    Connection first = jira(UUID.randomUUID(), "secret-one");
    Connection second = jira(UUID.randomUUID(), "secret-two");
    load(first);
    load(second);

    ConnectionCache.evictAllLocally();

    assertThat(cache.get(first.id(), Tracker.JIRA)).isNull();
    assertThat(cache.get(second.id(), Tracker.JIRA)).isNull();
  }
}
