package io.momentum.server.feeds;

import io.momentum.server.auth.Caller;
import io.momentum.server.auth.ScopedNode;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns feed entries into {@code momentum.kpi.measurement} events and publishes them: looks up
 * the named KPIs in the caller's organisation, rejects the whole feed when any entry is bad
 * (listing every bad entry), and otherwise publishes one event per entry into Kafka. Each event id
 * is stable for its entry, so the event table drops a retried feed instead of applying it twice.
 */
final class MeasurementFeed {

  private static final Logger LOG = LoggerFactory.getLogger(MeasurementFeed.class);
  /** Largest number of measurements in one batch or CSV file. */
  static final int MAX_ENTRIES = 10_000;

  private static final String KPIS = """
      SELECT id, key, formula, archived_at, unit_id FROM kpis
      WHERE org_id = $1 AND (key = ANY($2) OR id = ANY($3))""";

  /** The facts of a KPI that the feed checks an entry against. */
  private record Kpi(UUID id, String key, boolean computed, boolean archived, UUID unitId) {

    ScopedNode scoped() {
      return new ScopedNode(id, key, "kpi", unitId);
    }
  }

  /** The published events' ids, in entry order, and the default source they were sent under. */
  record Published(List<String> eventIds, String defaultSource) {
  }

  private final Pool pool;
  private final EventPublisher publisher;
  private final CloudEventParser parser;

  MeasurementFeed(Pool pool, EventPublisher publisher, Clock clock) {
    this.pool = pool;
    this.publisher = publisher;
    this.parser = new CloudEventParser(clock);
  }

  /**
   * Naming rules of a feed's events: their source and id, and whether two entries with the same
   * source and id are an error.
   */
  interface EventNaming {

    /** Returns the source of the entry's event. */
    String source(FeedEntry entry);

    /** Returns the id of the entry's event; {@code kpiId} is the KPI the entry names. */
    String id(UUID kpiId, FeedEntry entry);

    /**
     * Returns the error of an entry whose event has the same source and id as an earlier entry's,
     * or null when the two are the same observation and one event is enough.
     */
    FieldError repeated(FeedEntry entry, FeedEntry earlier);
  }

  /**
   * Validates the entries against the caller's KPIs and publishes them, all or none.
   *
   * @param kind {@code batch} or {@code csv}, part of the default source
   * @param errors errors the reader found already; the feed fails with them and any found here
   * @return the published events, or a failed future with a 400 listing every bad entry
   */
  Future<Published> publish(Caller caller, String kind, List<FeedEntry> entries, List<FieldError> errors) {
    String defaultSource = "urn:momentum:feed:" + kind + ":" + caller.kind() + ":" + caller.id();
    return validate(caller.orgId(), caller, caller.source(), callerNaming(defaultSource), entries, errors)
        .compose(events -> publishEvents(caller.orgId(), "a " + kind + " feed of " + caller.source(), events))
        .map(events -> new Published(events.stream().map(CloudEvent::id).toList(), defaultSource));
  }

  /**
   * Looks up the KPIs the entries name in the organisation and turns every entry into an event.
   *
   * @param caller whose token scope the KPIs must lie in, or null for a feed the server runs on
   *     the organisation's behalf (a SQL feed, set up by an administrator)
   * @param origin who sent the entries, for logs
   * @param readErrors errors the reader found already; the future fails with them and any found here
   * @return the events in entry order, or a failed future with a 400 {@link ApiException} listing every bad entry
   */
  Future<List<CloudEvent>> validate(String orgId, Caller caller, String origin, EventNaming naming,
                                    List<FeedEntry> entries, List<FieldError> readErrors) {
    return lookUpKpis(orgId, entries)
        .compose(kpis -> toEvents(orgId, caller, origin, naming, entries, kpis, readErrors));
  }

  /** Publishes validated events into Kafka and completes with them once Kafka has every one. */
  Future<List<CloudEvent>> publishEvents(String orgId, String origin, List<CloudEvent> events) {
    return publisher.publish(events).map(v -> {
      LOG.info("Published {} KPI measurements from {} in organisation {}", events.size(), origin, orgId);
      return events;
    });
  }

  /** Naming of the batch and CSV feeds: the caller's source and id when given, else the defaults. */
  private static EventNaming callerNaming(String defaultSource) {
    return new EventNaming() {
      @Override
      public String source(FeedEntry entry) {
        return entry.source() == null ? defaultSource : entry.source();
      }

      @Override
      public String id(UUID kpiId, FeedEntry entry) {
        return entry.id() == null ? derivedId(kpiId, entry) : entry.id();
      }

      @Override
      public FieldError repeated(FeedEntry entry, FeedEntry earlier) {
        if (entry.id() == null) {
          // The derived id covers KPI, time and value, so both entries are one observation and
          // the pipeline stores it once.
          return null;
        }
        return entry.place().error("id", "repeated", "repeats the id \"" + EntryRules.shorten(entry.id())
            + "\" of an earlier entry with the same source; give every measurement its own id");
      }
    };
  }

  private Future<Map<String, Kpi>> lookUpKpis(String orgId, List<FeedEntry> entries) {
    Set<String> keys = new LinkedHashSet<>();
    Set<UUID> ids = new LinkedHashSet<>();
    for (FeedEntry entry : entries) {
      if (entry.kpi() == null) {
        continue;
      }
      UUID id = asUuid(entry.kpi());
      if (id != null) {
        ids.add(id);
      } else {
        keys.add(entry.kpi());
      }
    }
    if (keys.isEmpty() && ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(KPIS)
        .execute(Tuple.of(orgId, keys.toArray(String[]::new), ids.toArray(UUID[]::new)))
        .map(rows -> {
          Map<String, Kpi> found = new HashMap<>();
          for (Row row : rows) {
            Kpi kpi = new Kpi(row.getUUID("id"), row.getString("key"), row.getString("formula") != null,
                row.getValue("archived_at") != null, row.getUUID("unit_id"));
            found.put(kpi.key(), kpi);
            found.put(kpi.id().toString(), kpi);
          }
          return found;
        });
  }

  private Future<List<CloudEvent>> toEvents(String orgId, Caller caller, String origin, EventNaming naming,
                                            List<FeedEntry> entries, Map<String, Kpi> kpis,
                                            List<FieldError> readErrors) {
    List<FieldError> errors = new ArrayList<>(readErrors);
    List<FieldError> outOfScope = new ArrayList<>();
    List<CloudEvent> events = new ArrayList<>(entries.size());
    Map<String, FeedEntry> byEventKey = new HashMap<>();
    for (FeedEntry entry : entries) {
      if (entry.kpi() == null) {
        continue;
      }
      Kpi kpi = kpis.get(normalised(entry.kpi()));
      String problem = kpiProblem(entry, kpi, orgId);
      if (problem != null) {
        errors.add(entry.place().error(entry.kpiField(), kpi == null ? "unknown_kpi" : kpi.computed() ? "computed_kpi"
            : "archived_kpi", problem));
        continue;
      }
      if (caller != null && !caller.canRead(kpi.unitId(), "kpi")) {
        outOfScope.add(entry.place().error(entry.kpiField(), "out_of_scope", caller.outOfScope(kpi.scoped()).getMessage()));
        continue;
      }
      if (!entry.readable()) {
        continue;
      }
      String source = naming.source(entry);
      String id = naming.id(kpi.id(), entry);
      FeedEntry earlier = byEventKey.putIfAbsent(source + "\n" + id, entry);
      FieldError repeated = earlier == null ? null : naming.repeated(entry, earlier);
      if (repeated != null) {
        errors.add(repeated);
        continue;
      }
      CloudEventParser.Result parsed = parser.parse(eventJson(orgId, kpi.id(), source, id, entry), true);
      if (!parsed.valid()) {
        // The readers apply the parser's rules already; this catches a rule added to the parser later.
        parsed.errors().forEach(e -> errors.add(entry.place().error(e.field(), e.code(), e.message())));
        continue;
      }
      events.add(parsed.event());
    }
    if (!errors.isEmpty()) {
      LOG.info("Rejected a KPI feed of {} entries from {} in organisation {}: {} errors, first {}: {}", entries.size(),
          origin, orgId, errors.size(), errors.get(0).field(), errors.get(0).message());
      return Future.failedFuture(ApiException.invalid(errors));
    }
    if (!outOfScope.isEmpty()) {
      LOG.info("Refused a KPI feed of {} entries from {} in organisation {}: {} KPIs outside the token's scope, first {}",
          entries.size(), origin, orgId, outOfScope.size(), outOfScope.get(0).field());
      return Future.failedFuture(new ApiException(403, "out_of_scope", outOfScope.size() == 1
          ? outOfScope.get(0).field() + ": " + outOfScope.get(0).message()
          : outOfScope.size() + " entries name KPIs outside this API token's scope (" + caller.scope().describe()
              + "); see \"fields\". Nothing was accepted",
          outOfScope, new JsonObject().put("allowed", caller.scope().toJson())));
    }
    return Future.succeededFuture(events);
  }

  private static String kpiProblem(FeedEntry entry, Kpi kpi, String orgId) {
    if (kpi == null) {
      return "\"" + EntryRules.shorten(entry.kpi()) + "\" names no KPI of organisation \"" + orgId
          + "\"; use the key shown on the KPI list, such as \"checkout-conversion\", or the KPI's id";
    }
    if (kpi.archived()) {
      return "KPI \"" + kpi.key() + "\" is archived; restore it or send the value to a live KPI";
    }
    if (kpi.computed()) {
      return "KPI \"" + kpi.key() + "\" is computed by its formula from its drivers and takes no values;"
          + " send the values to its driver KPIs instead";
    }
    return null;
  }

  private static JsonObject eventJson(String orgId, UUID kpiId, String source, String id, FeedEntry entry) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", source)
        .put("type", EventType.KPI_MEASUREMENT.wire())
        .put("subject", kpiId.toString())
        .put("time", entry.time().toString())
        .put("orgid", orgId)
        .put("datacontenttype", "application/json")
        .put("data", new JsonObject().put("value", entry.value()));
  }

  /**
   * Derives an event id from the KPI, the time and the value, so that sending the same feed again
   * yields the same ids. Two entries that agree on all three are the same observation.
   */
  static String derivedId(UUID kpiId, FeedEntry entry) {
    String identity = kpiId + "\n" + entry.time() + "\n" + entry.value().toPlainString();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "feed-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Ids are looked up in their canonical lower-case form; keys as written. */
  private static String normalised(String kpi) {
    UUID id = asUuid(kpi);
    return id == null ? kpi : id.toString();
  }

  private static UUID asUuid(String text) {
    if (text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
