package io.momentum.server.goals;

import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Initiatives of one organisation that key results name in {@code workFrom}, found by id or key,
 * to check the references and turn them into ids. Archived initiatives are found too, so that a
 * reference to one is reported as archived rather than unknown.
 */
public final class FollowedInitiatives {

  private final Map<String, Row> byReference;

  private FollowedInitiatives(Map<String, Row> byReference) {
    this.byReference = byReference;
  }

  /** Loads the initiatives of the organisation whose id or key is among {@code references}. */
  public static Future<FollowedInitiatives> find(SqlClient client, String orgId, Collection<String> references) {
    if (references.isEmpty()) {
      return Future.succeededFuture(new FollowedInitiatives(Map.of()));
    }
    String[] lowerCase = references.stream().map(FollowedInitiatives::lowerCase).distinct().toArray(String[]::new);
    return client.preparedQuery("SELECT id, key, archived_at IS NOT NULL AS archived FROM initiatives"
            + " WHERE org_id = $1 AND (id::text = ANY($2) OR key = ANY($2))")
        .execute(Tuple.tuple().addString(orgId).addArrayOfString(lowerCase))
        .map(rows -> {
          Map<String, Row> found = new HashMap<>();
          for (Row row : rows) {
            found.put(row.getUUID("id").toString(), row);
            found.put(row.getString("key"), row);
          }
          return new FollowedInitiatives(found);
        });
  }

  /**
   * Returns the ids of the live initiatives that {@code references} name, in order. Adds an error
   * named {@code field[i]} to {@code errors} for each entry that names no initiative of the
   * organisation ({@code unknown_reference}), an archived one ({@code archived_initiative}) or one
   * named before ({@code repeated}).
   */
  public List<UUID> resolve(List<String> references, String field, List<FieldError> errors) {
    return resolve(references, field, errors, true);
  }

  /**
   * Resolves like {@link #resolve(List, String, List)}, but with {@code rejectArchived} false an
   * archived initiative is left out without an error: an edit that does not send {@code workFrom}
   * keeps the stored list, which may name an initiative archived since.
   */
  public List<UUID> resolve(List<String> references, String field, List<FieldError> errors, boolean rejectArchived) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      String entry = field + "[" + i + "]";
      String reference = references.get(i);
      // Keys are lower case and PostgreSQL prints ids in lower case, so either matches in lower case.
      Row row = byReference.get(lowerCase(reference));
      if (row == null) {
        errors.add(FieldError.of(entry, "unknown_reference", "names no initiative of your organisation: \"" + reference
            + "\"; name an initiative by id or key", new JsonObject().put("value", reference)));
      } else if (row.getBoolean("archived")) {
        if (!rejectArchived) {
          continue;
        }
        errors.add(FieldError.of(entry, "archived_initiative", "names the archived initiative " + row.getString("key")
            + ", whose work no longer counts; restore it or leave it out", new JsonObject().put("key", row.getString("key"))));
      } else if (ids.contains(row.getUUID("id"))) {
        errors.add(FieldError.of(entry, "repeated", "names the initiative " + row.getString("key")
            + " a second time; name each once", null));
      } else {
        ids.add(row.getUUID("id"));
      }
    }
    return ids;
  }

  private static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
