package io.momentum.server.db;

import io.momentum.server.changes.ChangeEvents;
import io.momentum.server.changes.ChangeOutbox;
import io.momentum.server.signals.DetectedSignals;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.EventData;
import io.momentum.streams.ingest.AppliedEvent;
import io.momentum.streams.ingest.DeadLetter;
import io.momentum.streams.ingest.EventKey;
import io.momentum.streams.ingest.EventStore;
import io.momentum.streams.ingest.ResolvedEvent;
import io.momentum.streams.signals.SignalChange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Stores ingested events in PostgreSQL. Each write takes a whole batch in one statement over
 * arrays ({@code unnest}), so a batch of a thousand events costs a handful of round trips.
 */
public final class PgEventStore implements EventStore {

  /**
   * Inserts a batch of events and, in the same statement, records each source's arrival in the
   * source registry ({@code value_sources}): last seen, event count, the nodes it fed lately, and
   * the quiet gap since its previous batch, from which its expected interval is learned. Events
   * already stored (repeated ids) do not count as arrivals. Rows are upserted in key order, so two
   * batches of one organisation lock them in the same order.
   */
  private static final String INSERT_EVENTS = """
      WITH inserted AS (
        INSERT INTO events (org_id, source, id, type, subject, node_id, time, data)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[],
                             $7::timestamptz[], $8::text[]::jsonb[])
        ON CONFLICT DO NOTHING
        RETURNING org_id, source, id, node_id, time),
      arrivals AS (
        SELECT org_id, source, count(*) AS events, max(time) AS last_time,
               (array_agg(DISTINCT node_id) FILTER (WHERE node_id IS NOT NULL))[1:20] AS node_ids
        FROM inserted GROUP BY org_id, source),
      registered AS (
        INSERT INTO value_sources AS s (org_id, source, kind, first_seen, last_seen, last_event_time,
                                        event_count, recent_node_ids, gap_sampled_at)
        SELECT org_id, source, value_source_kind(source), now(), now(), last_time, events,
               coalesce(node_ids, '{}'), now()
        FROM arrivals ORDER BY org_id, source
        ON CONFLICT (org_id, source) DO UPDATE SET
          last_seen = greatest(s.last_seen, EXCLUDED.last_seen),
          last_event_time = greatest(s.last_event_time, EXCLUDED.last_event_time),
          event_count = s.event_count + EXCLUDED.event_count,
          recent_node_ids = ARRAY(SELECT n FROM unnest(EXCLUDED.recent_node_ids || s.recent_node_ids)
                                  WITH ORDINALITY AS u(n, i) GROUP BY n ORDER BY min(i) LIMIT 20),
          recent_gaps = CASE
            WHEN EXCLUDED.last_seen - s.last_seen >= interval '1 minute'
              THEN (s.recent_gaps || extract(epoch FROM EXCLUDED.last_seen - s.last_seen)::float8)
                   [greatest(1, cardinality(s.recent_gaps) - 18):]
            WHEN EXCLUDED.last_seen - s.gap_sampled_at >= interval '1 hour'
              THEN (s.recent_gaps || 60::float8)[greatest(1, cardinality(s.recent_gaps) - 18):]
            ELSE s.recent_gaps END,
          gap_sampled_at = CASE
            WHEN EXCLUDED.last_seen - s.last_seen >= interval '1 minute'
              OR EXCLUDED.last_seen - s.gap_sampled_at >= interval '1 hour'
              THEN EXCLUDED.last_seen ELSE s.gap_sampled_at END,
          updated_at = now())
      SELECT org_id, source, id FROM inserted""";

  private static final String INSERT_MEASUREMENTS = """
      INSERT INTO measurements (org_id, node_id, node_kind, value, observed_at, source, event_id, applied)
      SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]::numeric[],
                           $5::timestamptz[], $6::text[], $7::text[], $8::boolean[])""";

  // The author's user id comes from a check-in made in the app, whose source is the person's
  // urn:momentum:user:<id>, and only when that user belongs to the check-in's organisation.
  private static final String INSERT_CHECK_INS = """
      INSERT INTO check_ins (org_id, key_result_id, value, confidence, note, blockers, author,
                             observed_at, source, event_id, applied, author_id)
      SELECT c.*, u.id FROM unnest($1::text[], $2::uuid[], $3::text[]::numeric[], $4::smallint[], $5::text[],
                           $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::boolean[])
             AS c(org_id, key_result_id, value, confidence, note, blockers, author, observed_at, source, event_id, applied)
      LEFT JOIN users u ON u.org_id = c.org_id AND c.source LIKE 'urn:momentum:user:%'
                       AND u.id::text = substring(c.source from 19)""";

  private static final String UPSERT_WORK_ITEMS = """
      INSERT INTO work_items (org_id, system, external_id, node_id, item_type, status_category,
                              story_points, parent_external_id, deleted, observed_at, source)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                           $7::text[]::numeric[], $8::text[], $9::boolean[], $10::timestamptz[], $11::text[])
      ON CONFLICT (org_id, system, external_id) DO UPDATE SET
        node_id = EXCLUDED.node_id, item_type = EXCLUDED.item_type,
        status_category = EXCLUDED.status_category, story_points = EXCLUDED.story_points,
        parent_external_id = EXCLUDED.parent_external_id, deleted = EXCLUDED.deleted,
        observed_at = EXCLUDED.observed_at, source = EXCLUDED.source
      WHERE work_items.observed_at <= EXCLUDED.observed_at""";

  private static final String UPDATE_KEY_RESULT_VALUES = """
      UPDATE key_results k SET current_value = u.value, current_at = u.at, current_source = u.source,
                               updated_at = now()
      FROM unnest($1::text[], $2::uuid[], $3::text[]::numeric[], $4::timestamptz[], $5::text[])
           AS u(org_id, id, value, at, source)
      WHERE k.org_id = u.org_id AND k.id = u.id AND (k.current_at IS NULL OR k.current_at <= u.at)""";

  private static final String UPDATE_KPI_VALUES = """
      UPDATE kpis k SET current_value = u.value, current_at = u.at, current_source = u.source,
                        updated_at = now()
      FROM unnest($1::text[], $2::uuid[], $3::text[]::numeric[], $4::timestamptz[], $5::text[])
           AS u(org_id, id, value, at, source)
      WHERE k.org_id = u.org_id AND k.id = u.id AND (k.current_at IS NULL OR k.current_at <= u.at)""";

  private static final String UPDATE_CONFIDENCE = """
      UPDATE key_results k SET confidence = u.confidence, confidence_at = u.at, updated_at = now()
      FROM unnest($1::text[], $2::uuid[], $3::smallint[], $4::timestamptz[]) AS u(org_id, id, confidence, at)
      WHERE k.org_id = u.org_id AND k.id = u.id AND (k.confidence_at IS NULL OR k.confidence_at <= u.at)""";

  private static final String UPDATE_MILESTONE = """
      UPDATE key_results SET updated_at = now(), milestones = (
        SELECT coalesce(jsonb_agg(CASE WHEN m->>'id' = $3 OR (m->>'title' = $3 AND NOT EXISTS (
                   SELECT 1 FROM jsonb_array_elements(milestones) x WHERE x->>'id' = $3))
                 THEN m || jsonb_build_object('done', $4::boolean) ELSE m END ORDER BY ordinality), '[]'::jsonb)
        FROM jsonb_array_elements(milestones) WITH ORDINALITY AS t(m, ordinality))
      WHERE org_id = $1 AND id = $2""";

  private static final String INSERT_DEAD_LETTERS = """
      INSERT INTO dead_letters (org_id, topic, partition, record_offset, record_key, payload, reason)
      SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[])
      ON CONFLICT (topic, partition, record_offset) DO NOTHING""";

  // A row is only replaced by a later change, so a change computed twice from the same recorded
  // state (a retried batch, two nodes during a rebalance) cannot move the sequence back.
  private static final String UPSERT_STATUSES = """
      INSERT INTO key_result_status (org_id, node_id, status, sequence)
      SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bigint[])
      ON CONFLICT (org_id, node_id) DO UPDATE SET
        status = EXCLUDED.status, sequence = EXCLUDED.sequence, changed_at = now()
      WHERE key_result_status.sequence < EXCLUDED.sequence""";

  private final Pool pool;

  public PgEventStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  @Override
  public <T> Future<T> inTransaction(Function<Transaction, Future<T>> work) {
    return pool.withTransaction(connection -> work.apply(new PgTransaction(connection)));
  }

  private static final class PgTransaction implements Transaction {
    private final SqlConnection connection;

    PgTransaction(SqlConnection connection) {
      this.connection = connection;
    }

    @Override
    public Future<List<JsonObject>> recordSignals(String orgId, List<SignalChange> changes, Instant now) {
      return DetectedSignals.record(connection, orgId, changes, now);
    }

    @Override
    public Future<Set<EventKey>> insertEvents(List<ResolvedEvent> events) {
      if (events.isEmpty()) {
        return Future.succeededFuture(Set.of());
      }
      int n = events.size();
      String[] orgIds = new String[n];
      String[] sources = new String[n];
      String[] ids = new String[n];
      String[] types = new String[n];
      String[] subjects = new String[n];
      UUID[] nodeIds = new UUID[n];
      OffsetDateTime[] times = new OffsetDateTime[n];
      String[] data = new String[n];
      for (int i = 0; i < n; i++) {
        CloudEvent e = events.get(i).event();
        orgIds[i] = e.orgId();
        sources[i] = e.source();
        ids[i] = e.id();
        types[i] = e.type().wire();
        subjects[i] = e.subject();
        nodeIds[i] = UUID.fromString(events.get(i).nodeId());
        times[i] = utc(e.time());
        // The record's own text is the event as received; re-encoding the parsed JSON would cost as much again.
        data[i] = events.get(i).origin() != null ? events.get(i).origin().value() : e.json().encode();
      }
      return connection.preparedQuery(INSERT_EVENTS)
          .execute(Tuple.of(orgIds, sources, ids, types, subjects, nodeIds, times, data))
          .map(rows -> {
            Set<EventKey> inserted = new HashSet<>();
            for (Row row : rows) {
              inserted.add(new EventKey(row.getString(0), row.getString(1), row.getString(2)));
            }
            return inserted;
          });
    }

    @Override
    public Future<Void> writeValues(List<AppliedEvent> events) {
      ValueColumns measurements = new ValueColumns();
      CheckInColumns checkIns = new CheckInColumns();
      Map<String, AppliedEvent> workItems = new LinkedHashMap<>();
      Map<String, AppliedEvent> latestKeyResultValue = new LinkedHashMap<>();
      Map<String, AppliedEvent> latestKpiValue = new LinkedHashMap<>();
      Map<String, AppliedEvent> latestConfidence = new LinkedHashMap<>();
      List<AppliedEvent> milestones = new ArrayList<>();
      List<JsonObject> changes = new ArrayList<>();
      Instant now = Instant.now();
      for (AppliedEvent applied : events) {
        ResolvedEvent resolved = applied.resolved();
        CloudEvent e = resolved.event();
        String nodeKey = e.orgId() + "/" + resolved.nodeId();
        EventData data = e.data();
        if (data instanceof EventData.Value v) {
          measurements.add(resolved, v.value(), applied.applied());
          latestIfApplied(latestKeyResultValue, nodeKey, applied);
        } else if (data instanceof EventData.Measurement m) {
          measurements.add(resolved, m.value(), applied.applied());
          latestIfApplied(latestKpiValue, nodeKey, applied);
        } else if (data instanceof EventData.CheckIn c) {
          checkIns.add(resolved, c, applied.applied());
          changes.add(ChangeEvents.checkInRecorded(applied, now));
          if (c.value() != null) {
            latestIfApplied(latestKeyResultValue, nodeKey, applied);
          }
          if (c.confidence() != null) {
            latestIfApplied(latestConfidence, nodeKey, applied);
          }
        } else if (data instanceof EventData.WorkItem w) {
          // One statement may not update the same row twice, so only the newest state of an item is kept.
          workItems.merge(e.orgId() + "/" + w.system() + "/" + w.externalId(), applied,
              (older, newer) -> newer.resolved().event().time().isBefore(older.resolved().event().time()) ? older : newer);
        } else if (data instanceof EventData.Milestone && applied.applied()) {
          milestones.add(applied);
        }
      }
      return measurements.insert(connection)
          .compose(v -> checkIns.insert(connection))
          .compose(v -> upsertWorkItems(workItems.values()))
          .compose(v -> updateValues(UPDATE_KEY_RESULT_VALUES, latestKeyResultValue.values()))
          .compose(v -> updateValues(UPDATE_KPI_VALUES, latestKpiValue.values()))
          .compose(v -> updateConfidence(latestConfidence.values()))
          .compose(v -> updateMilestones(milestones))
          .compose(v -> ChangeOutbox.appendAll(connection, changes));
    }

    @Override
    public Future<Void> recordStatusChanges(List<StatusChange> changes) {
      if (changes.isEmpty()) {
        return Future.succeededFuture();
      }
      int n = changes.size();
      String[] orgIds = new String[n];
      UUID[] nodeIds = new UUID[n];
      String[] statuses = new String[n];
      Long[] sequences = new Long[n];
      List<JsonObject> announced = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 0; i < n; i++) {
        StatusChange change = changes.get(i);
        orgIds[i] = change.node().orgId();
        nodeIds[i] = UUID.fromString(change.node().id());
        statuses[i] = change.to().wire();
        sequences[i] = change.sequence();
        if (change.announced()) {
          announced.add(ChangeEvents.statusChanged(change, now));
        }
      }
      return connection.preparedQuery(UPSERT_STATUSES).execute(Tuple.of(orgIds, nodeIds, statuses, sequences))
          .compose(v -> ChangeOutbox.appendAll(connection, announced));
    }

    @Override
    public Future<Void> insertDeadLetters(List<DeadLetter> letters) {
      if (letters.isEmpty()) {
        return Future.succeededFuture();
      }
      int n = letters.size();
      String[] orgIds = new String[n];
      String[] topics = new String[n];
      Integer[] partitions = new Integer[n];
      Long[] offsets = new Long[n];
      String[] keys = new String[n];
      String[] payloads = new String[n];
      String[] reasons = new String[n];
      for (int i = 0; i < n; i++) {
        DeadLetter d = letters.get(i);
        orgIds[i] = d.orgId();
        topics[i] = d.topic();
        partitions[i] = d.partition();
        offsets[i] = d.offset();
        keys[i] = d.key();
        payloads[i] = d.payload() == null ? null : stripNul(d.payload());
        reasons[i] = d.reason();
      }
      return connection.preparedQuery(INSERT_DEAD_LETTERS)
          .execute(Tuple.of(orgIds, topics, partitions, offsets, keys, payloads, reasons))
          .mapEmpty();
    }

    private Future<Void> upsertWorkItems(java.util.Collection<AppliedEvent> items) {
      if (items.isEmpty()) {
        return Future.succeededFuture();
      }
      int n = items.size();
      String[] orgIds = new String[n];
      String[] systems = new String[n];
      String[] externalIds = new String[n];
      UUID[] nodeIds = new UUID[n];
      String[] itemTypes = new String[n];
      String[] statuses = new String[n];
      String[] points = new String[n];
      String[] parents = new String[n];
      Boolean[] deleted = new Boolean[n];
      OffsetDateTime[] times = new OffsetDateTime[n];
      String[] sources = new String[n];
      int i = 0;
      for (AppliedEvent applied : items) {
        CloudEvent e = applied.resolved().event();
        EventData.WorkItem w = (EventData.WorkItem) e.data();
        orgIds[i] = e.orgId();
        systems[i] = w.system();
        externalIds[i] = w.externalId();
        nodeIds[i] = UUID.fromString(applied.resolved().nodeId());
        itemTypes[i] = w.itemType();
        statuses[i] = w.statusCategory().wire();
        points[i] = w.storyPoints() == null ? null : w.storyPoints().toPlainString();
        parents[i] = w.parentExternalId();
        deleted[i] = w.deleted();
        times[i] = utc(e.time());
        sources[i] = e.source();
        i++;
      }
      return connection.preparedQuery(UPSERT_WORK_ITEMS)
          .execute(Tuple.of(orgIds, systems, externalIds, nodeIds, itemTypes, statuses, points,
              parents, deleted, times, sources))
          .mapEmpty();
    }

    private Future<Void> updateValues(String sql, java.util.Collection<AppliedEvent> latest) {
      if (latest.isEmpty()) {
        return Future.succeededFuture();
      }
      int n = latest.size();
      String[] orgIds = new String[n];
      UUID[] nodeIds = new UUID[n];
      String[] values = new String[n];
      OffsetDateTime[] times = new OffsetDateTime[n];
      String[] sources = new String[n];
      int i = 0;
      for (AppliedEvent applied : latest) {
        CloudEvent e = applied.resolved().event();
        orgIds[i] = e.orgId();
        nodeIds[i] = UUID.fromString(applied.resolved().nodeId());
        values[i] = valueOf(e.data()).toPlainString();
        times[i] = utc(e.time());
        sources[i] = e.source();
        i++;
      }
      return connection.preparedQuery(sql).execute(Tuple.of(orgIds, nodeIds, values, times, sources)).mapEmpty();
    }

    private Future<Void> updateConfidence(java.util.Collection<AppliedEvent> latest) {
      if (latest.isEmpty()) {
        return Future.succeededFuture();
      }
      int n = latest.size();
      String[] orgIds = new String[n];
      UUID[] nodeIds = new UUID[n];
      Short[] confidences = new Short[n];
      OffsetDateTime[] times = new OffsetDateTime[n];
      int i = 0;
      for (AppliedEvent applied : latest) {
        CloudEvent e = applied.resolved().event();
        orgIds[i] = e.orgId();
        nodeIds[i] = UUID.fromString(applied.resolved().nodeId());
        confidences[i] = ((EventData.CheckIn) e.data()).confidence().shortValue();
        times[i] = utc(e.time());
        i++;
      }
      return connection.preparedQuery(UPDATE_CONFIDENCE).execute(Tuple.of(orgIds, nodeIds, confidences, times)).mapEmpty();
    }

    private Future<Void> updateMilestones(List<AppliedEvent> milestones) {
      Future<Void> chain = Future.succeededFuture();
      for (AppliedEvent applied : milestones) {
        CloudEvent e = applied.resolved().event();
        EventData.Milestone m = (EventData.Milestone) e.data();
        chain = chain.compose(v -> connection.preparedQuery(UPDATE_MILESTONE)
            .execute(Tuple.of(e.orgId(), UUID.fromString(applied.resolved().nodeId()), m.milestone(), m.done()))
            .mapEmpty());
      }
      return chain;
    }
  }

  /** Keeps, per node, the last event in the batch that the engine applied. */
  private static void latestIfApplied(Map<String, AppliedEvent> latest, String nodeKey, AppliedEvent applied) {
    if (applied.applied()) {
      latest.remove(nodeKey);
      latest.put(nodeKey, applied);
    }
  }

  private static BigDecimal valueOf(EventData data) {
    if (data instanceof EventData.Value v) {
      return v.value();
    }
    if (data instanceof EventData.Measurement m) {
      return m.value();
    }
    if (data instanceof EventData.CheckIn c) {
      return c.value();
    }
    throw new IllegalArgumentException("no value in " + data.getClass().getSimpleName());
  }

  /** Column arrays of the measurements insert. */
  private static final class ValueColumns {
    final List<String> orgIds = new ArrayList<>();
    final List<UUID> nodeIds = new ArrayList<>();
    final List<String> kinds = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    final List<OffsetDateTime> times = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final List<String> eventIds = new ArrayList<>();
    final List<Boolean> applied = new ArrayList<>();

    void add(ResolvedEvent resolved, BigDecimal value, boolean wasApplied) {
      CloudEvent e = resolved.event();
      orgIds.add(e.orgId());
      nodeIds.add(UUID.fromString(resolved.nodeId()));
      kinds.add(resolved.nodeKind() == NodeKind.KPI ? "kpi" : "key_result");
      values.add(value.toPlainString());
      times.add(utc(e.time()));
      sources.add(e.source());
      eventIds.add(e.id());
      applied.add(wasApplied);
    }

    Future<Void> insert(SqlConnection connection) {
      if (orgIds.isEmpty()) {
        return Future.succeededFuture();
      }
      return connection.preparedQuery(INSERT_MEASUREMENTS).execute(Tuple.of(
          orgIds.toArray(String[]::new), nodeIds.toArray(UUID[]::new), kinds.toArray(String[]::new),
          values.toArray(String[]::new), times.toArray(OffsetDateTime[]::new),
          sources.toArray(String[]::new), eventIds.toArray(String[]::new),
          applied.toArray(Boolean[]::new))).mapEmpty();
    }
  }

  /** Column arrays of the check-ins insert. */
  private static final class CheckInColumns {
    final List<String> orgIds = new ArrayList<>();
    final List<UUID> nodeIds = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    final List<Short> confidences = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> blockers = new ArrayList<>();
    final List<String> authors = new ArrayList<>();
    final List<OffsetDateTime> times = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final List<String> eventIds = new ArrayList<>();
    final List<Boolean> applied = new ArrayList<>();

    void add(ResolvedEvent resolved, EventData.CheckIn c, boolean wasApplied) {
      CloudEvent e = resolved.event();
      orgIds.add(e.orgId());
      nodeIds.add(UUID.fromString(resolved.nodeId()));
      values.add(c.value() == null ? null : c.value().toPlainString());
      confidences.add(c.confidence() == null ? null : c.confidence().shortValue());
      notes.add(c.note());
      blockers.add(c.blockers());
      authors.add(c.author());
      times.add(utc(e.time()));
      sources.add(e.source());
      eventIds.add(e.id());
      applied.add(wasApplied);
    }

    Future<Void> insert(SqlConnection connection) {
      if (orgIds.isEmpty()) {
        return Future.succeededFuture();
      }
      return connection.preparedQuery(INSERT_CHECK_INS).execute(Tuple.of(
          orgIds.toArray(String[]::new), nodeIds.toArray(UUID[]::new), values.toArray(String[]::new),
          confidences.toArray(Short[]::new), notes.toArray(String[]::new),
          blockers.toArray(String[]::new), authors.toArray(String[]::new),
          times.toArray(OffsetDateTime[]::new), sources.toArray(String[]::new),
          eventIds.toArray(String[]::new), applied.toArray(Boolean[]::new))).mapEmpty();
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** PostgreSQL text cannot hold NUL characters, which a malformed record may contain. */
  private static String stripNul(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
  }
}
