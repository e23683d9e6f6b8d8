package io.momentum.server.goals;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steps every edit of a definition shares: the version the client last read, the organisation's
 * edit lock, and the entry in {@code definition_history} that time travel reads.
 */
public final class Edits {

  private static final Pattern IF_MATCH = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,9})\"?\\s*$");

  private Edits() {
  }

  /**
   * Removes {@code version} from a PATCH body and returns it, or the version of the
   * {@code If-Match} header. Throws a 400 naming {@code version} when neither is given, when one
   * is not a whole number of at least 1, or when the two disagree.
   */
  public static int requiredVersion(RoutingContext ctx, JsonObject body) {
    Integer version = optionalVersion(ctx, body);
    if (version == null) {
      throw ApiException.invalid("version", "is missing: send the version you last read, as \"version\": 3 in the body"
          + " or as the header If-Match: \"3\"");
    }
    return version;
  }

  /** Like {@link #requiredVersion}, but returns null when no version is given (for DELETE). */
  public static Integer optionalVersion(RoutingContext ctx, JsonObject body) {
    Integer fromBody = null;
    if (body != null && body.containsKey("version")) {
      Object value = body.remove("version");
      if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
          || n.doubleValue() > Integer.MAX_VALUE) {
        throw ApiException.invalid("version", "must be a whole number of at least 1, the version you last read");
      }
      fromBody = n.intValue();
    }
    String header = ctx.request().getHeader("If-Match");
    Integer fromHeader = null;
    if (header != null) {
      Matcher matcher = IF_MATCH.matcher(header);
      if (!matcher.matches()) {
        throw ApiException.invalid("If-Match", "must be a version in quotes, such as \"3\"");
      }
      fromHeader = Integer.parseInt(matcher.group(1));
    }
    if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
      throw ApiException.invalid("version", "is " + fromBody + " in the body but " + fromHeader
          + " in If-Match; send one version");
    }
    return fromBody != null ? fromBody : fromHeader;
  }

  /**
   * Takes the organisation's transaction-level advisory lock, which serialises structural edits
   * of one organisation: two concurrent re-alignments cannot build a loop together. The lock is
   * released when the transaction ends.
   */
  public static Future<Void> lockOrganisation(SqlClient connection, String orgId) {
    return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(orgId)).mapEmpty();
  }

  /** Fails with the stale-version 409 unless {@code expected} is null or the current version. */
  public static void checkVersion(String what, Integer expected, JsonObject current) {
    int currentVersion = current.getInteger("version");
    if (expected != null && expected != currentVersion) {
      throw ApiException.staleVersion(what, expected, currentVersion, current);
    }
  }

  /** Loader of one row of an organisation as JSON, locked for update when {@code forUpdate} is true. */
  @FunctionalInterface
  public interface RowLoader {
    /** Completes with the row, or fails with a 404 when the organisation has none with this id. */
    Future<JsonObject> load(SqlClient client, String orgId, UUID id, boolean forUpdate);
  }

  /**
   * Deletes the row {@code id} of the organisation from {@code table} in one transaction: locks it
   * through {@code loader}, checks the version the client last read (when given) and deletes it.
   * Completes with the deleted row as it was.
   *
   * @param what the row's kind for a stale-version message, such as "Webhook"; its name follows
   */
  public static Future<JsonObject> deleteChecked(Pool pool, String table, String what, RowLoader loader,
                                                 String orgId, UUID id, Integer version) {
    return pool.withTransaction(connection -> loader.load(connection, orgId, id, true)
        .compose(current -> {
          checkVersion(what + " " + current.getString("name"), version, current);
          return connection.preparedQuery("DELETE FROM " + table + " WHERE org_id = $1 AND id = $2")
              .execute(Tuple.of(orgId, id))
              .map(current);
        }));
  }

  /**
   * Appends the whole definition after a change to {@code definition_history}.
   *
   * @param entity {@code unit}, {@code cycle}, {@code objective}, {@code key_result}, {@code kpi} or {@code initiative}
   * @param change {@code created}, {@code updated}, {@code archived}, {@code closed} or {@code reopened}
   */
  public static Future<Void> recordHistory(SqlClient connection, Caller caller, String entity, String change,
                                           JsonObject definition) {
    return connection.preparedQuery("INSERT INTO definition_history (org_id, entity, entity_id, version, change, changed_by,"
            + " definition) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.from(new Object[] {caller.orgId(), entity, UUID.fromString(definition.getString("id")),
            definition.getInteger("version"), change, caller.source(), definition}))
        .mapEmpty();
  }

  /**
   * Returns a copy of {@code current} reduced to {@code editable} fields with {@code patch} laid
   * over it, so that a partial update is validated by the same reader as a create. A field the
   * patch sets to null is cleared.
   */
  public static JsonObject merge(JsonObject current, Iterable<String> editable, JsonObject patch) {
    JsonObject merged = new JsonObject();
    for (String field : editable) {
      Object value = current.getValue(field);
      if (value != null) {
        merged.put(field, value);
      }
    }
    for (String field : patch.fieldNames()) {
      Object value = patch.getValue(field);
      if (value == null) {
        merged.remove(field);
      } else {
        merged.put(field, value);
      }
    }
    return merged;
  }

  /** Rejects a field of a PATCH body that cannot change after creation, unless it repeats the current value. */
  public static void rejectFixed(JsonObject patch, JsonObject current, String field, String reason) {
    if (patch.containsKey(field) && !java.util.Objects.equals(patch.getValue(field), current.getValue(field))) {
      throw ApiException.invalid(field, "fixed", "cannot be changed: " + reason, null);
    }
  }
}
