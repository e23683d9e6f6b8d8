package io.momentum.server.signals;

import io.momentum.server.changes.ChangeOutbox;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.decisions.Decision;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.http.ApiException;
import io.momentum.streams.signals.SignalDetector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads and changes signals. Every change writes its {@code signal_actions} row and its outbound
 * CloudEvent ({@code momentum.signal.raised} or {@code momentum.signal.updated}) in the
 * transaction of the change, and is then published on the clustered event bus at
 * {@link #address}, where the live boards of every node pick it up. Acknowledging, snoozing,
 * waking and resolving are also recorded in the decision trail, in the same transaction.
 */
public final class SignalStore {

  /** Signal states, as stored and sent. */
  public static final String OPEN = "open";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String SNOOZED = "snoozed";
  public static final String RESOLVED = "resolved";
  public static final List<String> STATES = List.of(OPEN, ACKNOWLEDGED, SNOOZED, RESOLVED);

  /** Actor of the changes the detector makes. */
  public static final Actor SYSTEM = new Actor("system", "Momentum");

  static final String COLUMNS = "id, org_id, kind, fingerprint, source, episode, node_ids, unit_ids, severity,"
      + " state, code, params, explanation, evidence, raised_at, updated_at, resolved_at, snoozed_until, version";

  private static final String INSERT_SIGNAL = "INSERT INTO signals (" + COLUMNS + ")"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12, $13, $14, $14, NULL, NULL, 1)"
      + " ON CONFLICT (org_id, fingerprint) WHERE state <> 'resolved' DO NOTHING RETURNING " + COLUMNS;

  private static final String INSERT_ACTION = """
      INSERT INTO signal_actions (org_id, signal_id, action, actor, actor_name, reason, state, evidence, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""";

  private static final String LOCK_SIGNAL = "SELECT " + COLUMNS + " FROM signals WHERE org_id = $1 AND id = $2 FOR UPDATE";

  private static final String UPDATE_STATE = "UPDATE signals SET state = $3::text, snoozed_until = $4::timestamptz,"
      + " resolved_at = CASE WHEN $3::text = 'resolved' THEN $5::timestamptz END, updated_at = $5::timestamptz,"
      + " version = version + 1"
      + " WHERE org_id = $1 AND id = $2 RETURNING " + COLUMNS;

  private static final String UPDATE_DESCRIPTION = "UPDATE signals SET severity = $3, params = $4, explanation = $5,"
      + " evidence = $6, node_ids = $7, unit_ids = $8, updated_at = $9, version = version + 1"
      + " WHERE org_id = $1 AND id = $2 AND state <> 'resolved' RETURNING " + COLUMNS;

  private static final String ACTIONS = """
      SELECT id, action, actor, actor_name, reason, state, evidence, at FROM signal_actions
      WHERE org_id = $1 AND signal_id = $2 ORDER BY id""";

  private static final String UNRESOLVED_OF_NODES = "SELECT " + COLUMNS + " FROM signals"
      + " WHERE org_id = $1 AND state <> 'resolved' AND (node_ids && $2::uuid[] OR unit_ids && $3::uuid[])"
      + " ORDER BY raised_at DESC, id LIMIT 200";

  /** Author of a signal change: the URN and display name of a person or token, or {@link #SYSTEM}. */
  public record Actor(String urn, String name) {
  }

  /** Something done to a signal by a person or the system. */
  public enum Action {
    ACKNOWLEDGE("acknowledged", ACKNOWLEDGED),
    SNOOZE("snoozed", SNOOZED),
    WAKE("woke", OPEN),
    RESOLVE("resolved", RESOLVED);

    final String recorded;
    final String target;

    Action(String recorded, String target) {
      this.recorded = recorded;
      this.target = target;
    }

    /** Returns whether the action applies to a signal in {@code state}. */
    boolean allowedFrom(String state) {
      return switch (this) {
        case ACKNOWLEDGE -> state.equals(OPEN) || state.equals(SNOOZED);
        case SNOOZE -> state.equals(OPEN) || state.equals(ACKNOWLEDGED) || state.equals(SNOOZED);
        case WAKE -> state.equals(SNOOZED);
        case RESOLVE -> !state.equals(RESOLVED);
      };
    }
  }

  /** A new signal to raise; {@code fingerprint} identifies its condition within the organisation. */
  public record NewSignal(String orgId, String kind, String fingerprint, String source, Instant episode,
                          List<UUID> nodeIds, List<UUID> unitIds, String severity, String code, JsonObject params,
                          String explanation, JsonObject evidence) {
  }

  private final Vertx vertx;
  private final Pool pool;

  public SignalStore(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Returns the clustered event-bus address where an organisation's signal changes are published. */
  public static String address(String orgId) {
    return SignalDetector.address(orgId);
  }

  /**
   * Inserts an open signal with its {@code raised} action and outbound event, in the caller's
   * transaction. Completes with the signal's JSON, or null when an unresolved signal with the
   * same fingerprint exists already.
   */
  public static Future<JsonObject> raise(SqlClient transaction, NewSignal signal, Instant now) {
    UUID id = UUID.nameUUIDFromBytes(("signal:" + signal.orgId() + ":" + signal.fingerprint() + ":" + signal.episode())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Tuple params = Tuple.tuple()
        .addUUID(id).addString(signal.orgId()).addString(signal.kind()).addString(signal.fingerprint())
        .addString(signal.source()).addOffsetDateTime(utc(signal.episode()))
        .addArrayOfUUID(signal.nodeIds().toArray(UUID[]::new)).addArrayOfUUID(signal.unitIds().toArray(UUID[]::new))
        .addString(signal.severity()).addString(signal.code()).addJsonObject(signal.params())
        .addString(signal.explanation()).addJsonObject(signal.evidence()).addOffsetDateTime(utc(now));
    return transaction.preparedQuery(INSERT_SIGNAL).execute(params).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      JsonObject raised = toJson(rows.iterator().next());
      return recordAction(transaction, raised, "raised", SYSTEM, null, now)
          .compose(actionId -> ChangeOutbox.append(transaction, change(raised, ChangeTypes.SIGNAL_RAISED,
              UUID.nameUUIDFromBytes(("signal-raised:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              null, null, now)))
          .map(raised);
    });
  }

  /**
   * Applies an action to a signal in its own transaction, records who did it and why, and
   * publishes the changed signal live. Fails with 404 when the organisation has no such signal
   * and with 409 ({@code signal_state}) when the action does not apply to its current state.
   */
  public Future<JsonObject> act(String orgId, UUID signalId, Action action, Actor actor, String reason,
                                Instant snoozedUntil, Instant now) {
    return pool.withTransaction(connection -> act(connection, orgId, signalId, action, actor, reason, snoozedUntil, now))
        .onSuccess(this::publish);
  }

  /**
   * Applies an action within the caller's transaction, as {@link #act(String, UUID, Action, Actor,
   * String, Instant, Instant)} does; the caller publishes the result after its commit.
   */
  public static Future<JsonObject> act(SqlClient transaction, String orgId, UUID signalId, Action action, Actor actor,
                                       String reason, Instant snoozedUntil, Instant now) {
    return transaction.preparedQuery(LOCK_SIGNAL).execute(Tuple.of(orgId, signalId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("Signal " + signalId));
          }
          JsonObject current = toJson(rows.iterator().next());
          String state = current.getString("state");
          if (!action.allowedFrom(state)) {
            return Future.failedFuture(ApiException.conflict("signal_state", "The signal is " + state
                    + ", so it cannot be " + action.recorded + "; reload it to see what changed",
                new JsonObject().put("state", state)));
          }
          return transaction.preparedQuery(UPDATE_STATE)
              .execute(Tuple.of(orgId, signalId, action.target, snoozedUntil == null ? null : utc(snoozedUntil), utc(now)))
              .map(updated -> toJson(updated.iterator().next()));
        })
        .compose(changed -> recordAction(transaction, changed, action.recorded, actor, reason, now)
            .compose(actionId -> recordDecision(transaction, changed, action, actor, reason, now).map(actionId))
            .compose(actionId -> ChangeOutbox.append(transaction, change(changed, ChangeTypes.SIGNAL_UPDATED,
                UUID.nameUUIDFromBytes(("signal-action:" + orgId + ":" + actionId)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), actor, reason, now)))
            .map(changed));
  }

  /**
   * Replaces the severity, explanation, evidence, nodes and units of an unresolved signal with
   * those of {@code signal}, in the caller's transaction, recording an {@code updated} action by
   * the system and the outbound {@code momentum.signal.updated} event. Completes with the
   * signal's JSON, or null when it was resolved meanwhile.
   */
  public static Future<JsonObject> update(SqlClient transaction, UUID signalId, NewSignal signal, String reason, Instant now) {
    Tuple params = Tuple.tuple().addString(signal.orgId()).addUUID(signalId).addString(signal.severity())
        .addJsonObject(signal.params()).addString(signal.explanation()).addJsonObject(signal.evidence())
        .addArrayOfUUID(signal.nodeIds().toArray(UUID[]::new)).addArrayOfUUID(signal.unitIds().toArray(UUID[]::new))
        .addOffsetDateTime(utc(now));
    return transaction.preparedQuery(UPDATE_DESCRIPTION).execute(params).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      JsonObject updated = toJson(rows.iterator().next());
      return recordAction(transaction, updated, "updated", SYSTEM, reason, now)
          .compose(actionId -> ChangeOutbox.append(transaction, change(updated, ChangeTypes.SIGNAL_UPDATED,
              UUID.nameUUIDFromBytes(("signal-action:" + signal.orgId() + ":" + actionId)
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)), SYSTEM, reason, now)))
          .map(updated);
    });
  }

  /**
   * Records an action on a signal in the organisation's decision trail (kind {@code
   * signal.action}), with the signal's explanation and evidence as shown at the time.
   */
  private static Future<Long> recordDecision(SqlClient transaction, JsonObject signal, Action action, Actor actor,
                                             String reason, Instant now) {
    JsonObject evidence = new JsonObject()
        .put("kind", signal.getString("kind"))
        .put("severity", signal.getString("severity"))
        .put("code", signal.getString("code"))
        .put("params", signal.getJsonObject("params"))
        .put("explanation", signal.getString("explanation"))
        .put("evidence", signal.getJsonObject("evidence"))
        .put("nodeIds", signal.getJsonArray("nodeIds"))
        .put("snoozedUntil", signal.getString("snoozedUntil"));
    Decision decision = new Decision(signal.getString("orgId"), actor.urn(), actor.name(), DecisionTrail.SIGNAL_ACTION,
        "signal", signal.getString("id"), action.recorded, reason, evidence, signal.getString("id"));
    return new DecisionTrail(Clock.fixed(now, ZoneOffset.UTC)).record(transaction, decision);
  }

  private static Future<Long> recordAction(SqlClient transaction, JsonObject signal, String action, Actor actor,
                                           String reason, Instant now) {
    return transaction.preparedQuery(INSERT_ACTION)
        .execute(Tuple.tuple().addString(signal.getString("orgId")).addUUID(UUID.fromString(signal.getString("id")))
            .addString(action).addString(actor.urn()).addString(actor.name()).addString(reason)
            .addString(signal.getString("state")).addJsonObject(signal.getJsonObject("evidence"))
            .addOffsetDateTime(utc(now)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Builds the outbound CloudEvent of a raised or changed signal, with the data the change contract names. */
  static JsonObject change(JsonObject signal, String type, UUID eventId, Actor actor, String reason, Instant now) {
    JsonObject data = new JsonObject()
        .put("signalId", signal.getString("id"))
        .put("kind", signal.getString("kind"))
        .put("state", signal.getString("state"))
        .put("severity", signal.getString("severity"))
        .put("nodeIds", signal.getJsonArray("nodeIds"))
        .put("unitIds", signal.getJsonArray("unitIds"))
        .put("source", signal.getString("source"))
        .put("code", signal.getString("code"))
        .put("params", signal.getJsonObject("params"))
        .put("explanation", signal.getString("explanation"))
        .put("evidence", signal.getJsonObject("evidence"))
        .put("snoozedUntil", signal.getString("snoozedUntil"));
    if (actor != null) {
      data.put("by", actor.urn()).put("byName", actor.name()).put("reason", reason);
    }
    return ChangeOutbox.event(signal.getString("orgId"), eventId, type, signal.getString("source"), now, data);
  }

  /** Publishes a committed signal change to the live boards of every node. */
  public void publish(JsonObject signal) {
    vertx.eventBus().publish(address(signal.getString("orgId")), signal);
  }

  /**
   * Reads one page of an organisation's signals, newest first, filtered by any of state, kind,
   * node and unit; {@code after} is the id of the last signal of the previous page.
   */
  public Future<JsonObject> page(String orgId, String state, String kind, UUID nodeId, UUID unitId, UUID after, int limit) {
    List<Object> values = new ArrayList<>(List.of(orgId));
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM signals s WHERE org_id = $1");
    if (state != null) {
      values.add(state);
      sql.append(" AND state = $").append(values.size());
    }
    if (kind != null) {
      values.add(kind);
      sql.append(" AND kind = $").append(values.size());
    }
    if (nodeId != null) {
      values.add(new UUID[] {nodeId});
      sql.append(" AND node_ids && $").append(values.size()).append("::uuid[]");
    }
    if (unitId != null) {
      values.add(new UUID[] {unitId});
      sql.append(" AND unit_ids && $").append(values.size()).append("::uuid[]");
    }
    if (after != null) {
      values.add(after);
      sql.append(" AND (raised_at, id) < (SELECT raised_at, id FROM signals WHERE org_id = $1 AND id = $")
          .append(values.size()).append(')');
    }
    values.add(limit + 1);
    sql.append(" ORDER BY raised_at DESC, id DESC LIMIT $").append(values.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(rows -> {
      JsonArray items = new JsonArray();
      String last = null;
      for (Row row : rows) {
        if (items.size() == limit) {
          break;
        }
        JsonObject signal = toJson(row);
        items.add(signal);
        last = signal.getString("id");
      }
      return new JsonObject().put("items", items).put("nextCursor", rows.size() > limit ? last : null);
    });
  }

  /** Reads one signal with its actions, oldest first; fails with 404 when the organisation has none such. */
  public Future<JsonObject> read(String orgId, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM signals WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Signal " + id))
            : pool.preparedQuery(ACTIONS).execute(Tuple.of(orgId, id)).map(actions -> {
              JsonArray list = new JsonArray();
              for (Row action : actions) {
                list.add(new JsonObject()
                    .put("id", action.getLong("id"))
                    .put("action", action.getString("action"))
                    .put("by", action.getString("actor"))
                    .put("byName", action.getString("actor_name"))
                    .put("reason", action.getString("reason"))
                    .put("state", action.getString("state"))
                    .put("evidence", action.getJsonObject("evidence"))
                    .put("at", action.getOffsetDateTime("at").toInstant().toString()));
              }
              return toJson(rows.iterator().next()).put("actions", list);
            }));
  }

  /** Reads the unresolved signals that concern any of the given nodes or units, newest first (at most 200). */
  public Future<JsonArray> unresolvedOf(String orgId, List<UUID> nodeIds, List<UUID> unitIds) {
    if (nodeIds.isEmpty() && unitIds.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    return pool.preparedQuery(UNRESOLVED_OF_NODES)
        .execute(Tuple.tuple().addString(orgId).addArrayOfUUID(nodeIds.toArray(UUID[]::new))
            .addArrayOfUUID(unitIds.toArray(UUID[]::new)))
        .map(rows -> {
          JsonArray signals = new JsonArray();
          rows.forEach(row -> signals.add(toJson(row)));
          return signals;
        });
  }

  /** Maps a row of {@link #COLUMNS} to the signal's JSON, as the REST API and live messages send it. */
  static JsonObject toJson(Row row) {
    JsonArray nodeIds = new JsonArray();
    for (UUID id : row.getArrayOfUUIDs("node_ids")) {
      nodeIds.add(id.toString());
    }
    JsonArray unitIds = new JsonArray();
    for (UUID id : row.getArrayOfUUIDs("unit_ids")) {
      unitIds.add(id.toString());
    }
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("orgId", row.getString("org_id"))
        .put("kind", row.getString("kind"))
        .put("fingerprint", row.getString("fingerprint"))
        .put("source", row.getString("source"))
        .put("nodeIds", nodeIds)
        .put("unitIds", unitIds)
        .put("severity", row.getString("severity"))
        .put("state", row.getString("state"))
        .put("code", row.getString("code"))
        .put("params", row.getJsonObject("params"))
        .put("explanation", row.getString("explanation"))
        .put("evidence", row.getJsonObject("evidence"))
        .put("raisedAt", instant(row.getOffsetDateTime("raised_at")))
        .put("updatedAt", instant(row.getOffsetDateTime("updated_at")))
        .put("resolvedAt", instant(row.getOffsetDateTime("resolved_at")))
        .put("snoozedUntil", instant(row.getOffsetDateTime("snoozed_until")))
        .put("version", row.getInteger("version"));
  }

  static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
