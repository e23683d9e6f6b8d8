package io.momentum.server.decisions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The append-only decision trail of every organisation: who decided what, when, on which
 * suggestion or signal, with the evidence shown at the time. Writers pass the SQL client of their
 * own transaction, so an entry commits or rolls back with the change it explains. The table
 * rejects UPDATE and DELETE.
 */
public final class DecisionTrail {

  /** A quality-check finding accepted (its fix applied by the person) or dismissed. */
  public static final String QUALITY_FINDING = "quality.finding";
  /** A draft of objectives generated for a strategy text, with its sources. */
  public static final String DRAFT_GENERATED = "draft.generated";
  /** A proposed objective of a draft accepted or rejected. */
  public static final String DRAFT_PROPOSAL = "draft.proposal";
  /** A request sent to a language model, after redaction. */
  public static final String LLM_REQUEST = "llm.request";
  /** A language model's response, or the failure to get one. */
  public static final String LLM_RESPONSE = "llm.response";
  /** A signal acknowledged, snoozed, woken or resolved. */
  public static final String SIGNAL_ACTION = "signal.action";
  /** A review brief generated on request or on schedule. */
  public static final String BRIEF_GENERATED = "brief.generated";

  /** Every kind the trail accepts. */
  public static final Set<String> KINDS = Set.of(QUALITY_FINDING, DRAFT_GENERATED, DRAFT_PROPOSAL, LLM_REQUEST,
      LLM_RESPONSE, SIGNAL_ACTION, BRIEF_GENERATED);

  static final String COLUMNS = "id, at, actor, actor_name, kind, subject_type, subject_id, decision, reason, evidence, ref";

  private static final String INSERT = "INSERT INTO decisions"
      + " (org_id, at, actor, actor_name, kind, subject_type, subject_id, decision, reason, evidence, ref)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING " + COLUMNS;

  private final Clock clock;

  public DecisionTrail(Clock clock) {
    this.clock = clock;
  }

  /**
   * Inserts one entry through {@code client}, stamped with the current time.
   *
   * @return the entry's id, increasing in the order entries were written
   * @throws IllegalArgumentException when the kind is not one of {@link #KINDS}
   */
  public Future<Long> record(SqlClient client, Decision decision) {
    return insert(client, decision).map(entry -> entry.getLong("id"));
  }

  /** Inserts one entry like {@link #record} and returns it as stored. */
  Future<JsonObject> insert(SqlClient client, Decision decision) {
    if (!KINDS.contains(decision.kind())) {
      return Future.failedFuture(new IllegalArgumentException("Unknown decision kind " + decision.kind()));
    }
    Tuple params = Tuple.of(decision.orgId(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
            decision.actor(), decision.actorName(), decision.kind(), decision.subjectType())
        .addValue(decision.subjectId())
        .addValue(decision.decision())
        .addValue(decision.reason())
        .addValue(decision.evidence())
        .addValue(decision.ref());
    return client.preparedQuery(INSERT).execute(params).map(rows -> toJson(rows.iterator().next()));
  }

  /**
   * Reads a page of an organisation's entries, newest first.
   *
   * @param filter optional kind, subject id, node id and ref; entries with an id below {@code before} when it is set
   */
  public Future<JsonObject> page(SqlClient client, String orgId, Filter filter, int limit) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM decisions WHERE org_id = $1");
    Tuple params = Tuple.of(orgId);
    appendFilter(sql, params, filter);
    params.addInteger(limit + 1);
    sql.append(" ORDER BY id DESC LIMIT $").append(params.size());
    return client.preparedQuery(sql.toString()).execute(params).map(rows -> {
      List<JsonObject> items = toJson(rows);
      JsonObject page = new JsonObject();
      if (items.size() > limit) {
        items = items.subList(0, limit);
        page.put("nextBefore", items.get(limit - 1).getLong("id"));
      }
      return page.put("items", new JsonArray(new ArrayList<>(items)));
    });
  }

  /** Reads all of an organisation's entries matching {@code filter}, oldest first, at most {@code max}. */
  public Future<List<JsonObject>> all(SqlClient client, String orgId, Filter filter, int max) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM decisions WHERE org_id = $1");
    Tuple params = Tuple.of(orgId);
    appendFilter(sql, params, filter);
    params.addInteger(max);
    sql.append(" ORDER BY id LIMIT $").append(params.size());
    return client.preparedQuery(sql.toString()).execute(params).map(DecisionTrail::toJson);
  }

  /**
   * Reads the entries about a cycle, oldest first, at most {@code max}: those whose subject is the
   * cycle or one of {@code nodeIds}, actions on signals about those nodes, entries whose evidence
   * names the cycle (briefs and drafts), and accepted or rejected proposals of those drafts. A
   * proposal decision carries its draft's id as {@code ref}, and the draft's {@code draft.generated}
   * entry names the cycle in its evidence.
   */
  public Future<List<JsonObject>> aboutCycle(SqlClient client, String orgId, String cycleId, List<String> nodeIds,
                                             int max) {
    String sql = "SELECT " + COLUMNS + " FROM decisions WHERE org_id = $1"
        + " AND (subject_id = ANY($2::text[]) OR subject_id = $3"
        + " OR (kind = '" + SIGNAL_ACTION + "' AND evidence->'nodeIds' ?| $2::text[])"
        + " OR evidence->>'cycleId' = $3 OR evidence->'cycle'->>'id' = $3"
        + " OR (kind = '" + DRAFT_PROPOSAL + "' AND ref IN (SELECT generated.ref FROM decisions generated"
        + " WHERE generated.org_id = $1 AND generated.kind = '" + DRAFT_GENERATED + "'"
        + " AND generated.evidence->'cycle'->>'id' = $3)))"
        + " ORDER BY id LIMIT $4";
    return client.preparedQuery(sql).execute(Tuple.of(orgId, nodeIds.toArray(String[]::new), cycleId, max))
        .map(DecisionTrail::toJson);
  }

  private static void appendFilter(StringBuilder sql, Tuple params, Filter filter) {
    if (filter.kind() != null) {
      params.addString(filter.kind());
      sql.append(" AND kind = $").append(params.size());
    }
    if (filter.subjectId() != null) {
      params.addString(filter.subjectId());
      sql.append(" AND subject_id = $").append(params.size());
    }
    if (filter.nodeId() != null) {
      params.addString(filter.nodeId());
      sql.append(" AND (subject_id = $").append(params.size())
          .append(" OR (kind = '" + SIGNAL_ACTION + "' AND evidence->'nodeIds' ? $").append(params.size()).append("))");
    }
    if (filter.ref() != null) {
      params.addString(filter.ref());
      sql.append(" AND ref = $").append(params.size());
    }
    if (filter.before() != null) {
      params.addLong(filter.before());
      sql.append(" AND id < $").append(params.size());
    }
  }

  private static List<JsonObject> toJson(RowSet<Row> rows) {
    List<JsonObject> items = new ArrayList<>(rows.size());
    for (Row row : rows) {
      items.add(toJson(row));
    }
    return items;
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("at", row.getOffsetDateTime("at").toInstant().toString())
        .put("actor", row.getString("actor"))
        .put("actorName", row.getString("actor_name"))
        .put("kind", row.getString("kind"))
        .put("subjectType", row.getString("subject_type"))
        .put("subjectId", row.getString("subject_id"))
        .put("decision", row.getString("decision"))
        .put("reason", row.getString("reason"))
        .put("evidence", row.getJsonObject("evidence"))
        .put("ref", row.getString("ref"));
  }

  /**
   * Optional conditions of a trail query; null fields match everything. {@code nodeId} matches the
   * entries whose subject is the node and the actions on signals whose evidence names the node.
   */
  public record Filter(String kind, String subjectId, String nodeId, String ref, Long before) {

    /** Matches every entry. */
    public static final Filter ALL = new Filter(null, null, null, null, null);
  }
}
