package io.momentum.server.assist.drafts;

import io.momentum.server.assist.drafts.PastOkrs.PastObjective;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The past-OKR index of each organisation, kept in memory for the organisations that drafted
 * most recently. Before each use the cache compares the organisation's OKR stamp with the one the
 * index was built from and rebuilds it when an objective or key result changed, so a draft never
 * retrieves from stale history. Keys are organisation ids, and no index contains two organisations.
 */
final class OrgIndexCache {

  private static final Logger LOG = LoggerFactory.getLogger(OrgIndexCache.class);

  /**
   * Most organisations whose index stays in memory. With at most {@link PastOkrs#MAX_OBJECTIVES}
   * objectives each, this bounds the heap the cache takes.
   */
  static final int MAX_ORGANISATIONS = 32;

  /** An organisation's index, the stamp it was built from, and the objectives its hits name. */
  record OrgIndex(String stamp, OkrIndex index, Map<String, PastObjective> objectives) {
  }

  private final Vertx vertx;
  private final PastOkrs pastOkrs;
  private final Map<String, OrgIndex> indexes = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OrgIndex> eldest) {
      return size() > MAX_ORGANISATIONS;
    }
  };

  OrgIndexCache(Vertx vertx, PastOkrs pastOkrs) {
    this.vertx = vertx;
    this.pastOkrs = pastOkrs;
  }

  /** Returns the organisation's current index, building it when it is missing or its OKRs changed since. */
  Future<OrgIndex> get(String orgId) {
    return pastOkrs.stamp(orgId).compose(stamp -> {
      OrgIndex cached = cached(orgId);
      if (cached != null && cached.stamp().equals(stamp)) {
        return Future.succeededFuture(cached);
      }
      return pastOkrs.load(orgId).compose(objectives -> build(orgId, stamp, objectives));
    });
  }

  private Future<OrgIndex> build(String orgId, String stamp, List<PastObjective> objectives) {
    return vertx.executeBlocking(() -> {
      long started = System.nanoTime();
      OkrIndex index = OkrIndex.build(objectives.stream()
          .map(o -> new OkrIndex.Entry(o.id().toString(), null, o.searchText()))
          .toList());
      Map<String, PastObjective> byId = objectives.stream()
          .collect(Collectors.toUnmodifiableMap(o -> o.id().toString(), Function.identity()));
      OrgIndex built = new OrgIndex(stamp, index, byId);
      synchronized (indexes) {
        indexes.put(orgId, built);
      }
      LOG.debug("Built the past-OKR index of organisation {}: {} objectives, {} bytes, {} ms", orgId, index.size(),
          index.bytes(), (System.nanoTime() - started) / 1_000_000);
      return built;
    });
  }

  private OrgIndex cached(String orgId) {
    synchronized (indexes) {
      return indexes.get(orgId);
    }
  }
}
