package io.momentum.server.changes;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writer of outbound changes into the {@code change_outbox} table. Call {@link #append} with the
 * connection of the transaction that makes the change, so the change and its event commit or
 * roll back together. The relay publishes committed rows to {@code momentum.changes}.
 */
public final class ChangeOutbox {

  private static final String INSERT = """
      INSERT INTO change_outbox (org_id, event_id, type, subject, event)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (org_id, event_id) DO NOTHING""";

  // Ordering by position gives the rows their seq numbers in list order.
  private static final String INSERT_ALL = """
      INSERT INTO change_outbox (org_id, event_id, type, subject, event)
      SELECT org_id, event_id, type, subject, event::jsonb
      FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
           AS c(org_id, event_id, type, subject, event, position)
      ORDER BY position
      ON CONFLICT (org_id, event_id) DO NOTHING""";

  private ChangeOutbox() {
  }

  /** Returns the CloudEvents source of an organisation's outbound changes. */
  public static String source(String orgId) {
    return "urn:momentum:org:" + orgId;
  }

  /**
   * Builds the CloudEvent of a change in structured JSON mode.
   *
   * @param id the event id; derive it from the change (for example with
   *     {@link UUID#nameUUIDFromBytes}) when the same change may be written twice
   * @param subject the key (or id) of the node or cycle the change is about; may be null
   */
  public static JsonObject event(String orgId, UUID id, String type, String subject, Instant time, JsonObject data) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id.toString())
        .put("source", source(orgId))
        .put("type", type)
        .put("subject", subject)
        .put("time", time.toString())
        .put("orgid", orgId)
        .put("datacontenttype", "application/json")
        .put("data", data);
  }

  /**
   * Appends a change built by {@link #event}. A change whose id was appended before is ignored.
   * Completes with true when the row was new.
   */
  public static Future<Boolean> append(SqlClient transaction, JsonObject event) {
    return transaction.preparedQuery(INSERT)
        .execute(Tuple.of(event.getString("orgid"), UUID.fromString(event.getString("id")),
            event.getString("type"), event.getString("subject"), event))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Appends many changes built by {@link #event} in one statement, in list order. Changes whose
   * ids were appended before are ignored.
   */
  public static Future<Void> appendAll(SqlClient transaction, List<JsonObject> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = events.size();
    String[] orgIds = new String[n];
    UUID[] ids = new UUID[n];
    String[] types = new String[n];
    String[] subjects = new String[n];
    String[] bodies = new String[n];
    for (int i = 0; i < n; i++) {
      JsonObject event = events.get(i);
      orgIds[i] = event.getString("orgid");
      ids[i] = UUID.fromString(event.getString("id"));
      types[i] = event.getString("type");
      subjects[i] = event.getString("subject");
      bodies[i] = event.encode();
    }
    return transaction.preparedQuery(INSERT_ALL).execute(Tuple.of(orgIds, ids, types, subjects, bodies)).mapEmpty();
  }
}
