package io.momentum.server.goals;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rules of the alignment tree, checked in PostgreSQL: loops, the cycles of parent and child, and
 * the nodes below a node. The tree has objectives (their parent is an objective, a strategic
 * outcome or a key result) and key results (their parent is their objective). Callers hold the
 * organisation's edit lock ({@link Edits#lockOrganisation}) so that the checked state cannot
 * change before their transaction commits.
 */
final class Alignment {

  /** Maximum length of a parent chain walked; a longer one can only come from damaged data. */
  private static final int MAX_DEPTH = 10_000;

  /** Live alignment edges of one organisation ($1): each node with its parent. */
  private static final String EDGES = """
      edges AS (
        SELECT id, key, kind, coalesce(parent_id, parent_key_result_id) AS parent
        FROM objectives WHERE org_id = $1 AND archived_at IS NULL
        UNION ALL
        SELECT id, key, 'key_result', objective_id FROM key_results WHERE org_id = $1 AND archived_at IS NULL
      )""";

  private Alignment() {
  }

  /**
   * Completes with the keys of the loop that giving node {@code movedId} the parent
   * {@code newParentId} would close, from the moved node up to itself again, or with an empty
   * list when there is none.
   */
  static Future<List<String>> findLoop(SqlClient client, String orgId, UUID movedId, UUID newParentId) {
    String sql = "WITH RECURSIVE " + EDGES + """
        , up(id, parent, keys, depth) AS (
          SELECT id, parent, ARRAY[key], 1 FROM edges WHERE id = $3
          UNION ALL
          SELECT e.id, e.parent, up.keys || e.key, up.depth + 1
          FROM up JOIN edges e ON e.id = up.parent
          WHERE up.id <> $2 AND up.depth < $4
        )
        SELECT (SELECT key FROM edges WHERE id = $2) AS moved, keys FROM up WHERE id = $2""";
    return client.preparedQuery(sql).execute(Tuple.of(orgId, movedId, newParentId, MAX_DEPTH))
        .map(Alignment::loopKeys);
  }

  /** Fails with the 409 {@code alignment_loop} on {@code field} when the new parent closes a loop. */
  static Future<Void> rejectLoop(SqlClient client, String orgId, UUID movedId, UUID newParentId, String field) {
    return findLoop(client, orgId, movedId, newParentId).compose(loop -> loop.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(ApiException.loop(field, loop)));
  }

  /** A live node below another one in the alignment tree. */
  record Descendant(UUID id, String key, String kind) {
  }

  /**
   * Completes with the live nodes below {@code rootId}: its key results, the objectives aligned
   * to it or to its key results, and so on down. The root itself is not included.
   */
  static Future<List<Descendant>> descendants(SqlClient client, String orgId, UUID rootId) {
    String sql = "WITH RECURSIVE " + EDGES + """
        , down(id, key, kind, depth) AS (
          SELECT id, key, kind, 0 FROM edges WHERE parent = $2
          UNION
          SELECT e.id, e.key, e.kind, down.depth + 1 FROM edges e JOIN down ON e.parent = down.id
          WHERE down.depth < $3
        )
        SELECT DISTINCT id, key, kind FROM down ORDER BY kind, key""";
    return client.preparedQuery(sql).execute(Tuple.of(orgId, rootId, MAX_DEPTH))
        .map(rows -> {
          List<Descendant> result = new ArrayList<>();
          rows.forEach(row -> result.add(new Descendant(row.getUUID("id"), row.getString("key"), row.getString("kind"))));
          return result;
        });
  }

  /** Dates and key of a cycle. */
  record Window(String key, LocalDate start, LocalDate end) {

    boolean contains(Window other) {
      return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    @Override
    public String toString() {
      return key + " (" + start + " to " + end + ")";
    }
  }

  static Future<Window> cycleWindow(SqlClient client, String orgId, UUID cycleId) {
    return client.preparedQuery("SELECT key, start_date, end_date FROM cycles WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, cycleId))
        .map(rows -> rows.size() == 0 ? null : window(rows.iterator().next()));
  }

  /**
   * Checks the cycle rule of an objective and its parent: the child's cycle lies within the
   * parent's cycle (the same cycle, a quarter of the parent's year, a year or quarter of the
   * parent's strategy). A key result parent counts with its objective's cycle.
   */
  static Future<Void> checkParentCycle(SqlClient client, String orgId, Window child, UUID parentId,
                                       UUID parentKeyResultId) {
    if (child == null || (parentId == null && parentKeyResultId == null)) {
      return Future.succeededFuture();
    }
    String field = parentId != null ? "parentId" : "parentKeyResultId";
    String sql = parentId != null
        ? "SELECT c.key, c.start_date, c.end_date FROM objectives o JOIN cycles c ON c.id = o.cycle_id"
            + " WHERE o.org_id = $1 AND o.id = $2"
        : "SELECT c.key, c.start_date, c.end_date FROM key_results k JOIN objectives o ON o.id = k.objective_id"
            + " JOIN cycles c ON c.id = o.cycle_id WHERE k.org_id = $1 AND k.id = $2";
    return client.preparedQuery(sql).execute(Tuple.of(orgId, parentId != null ? parentId : parentKeyResultId))
        .compose(rows -> {
          Window parent = rows.size() == 0 ? null : window(rows.iterator().next());
          if (parent != null && !parent.contains(child)) {
            return Future.failedFuture(ApiException.invalid(field, "cycle_outside_parent", "the objective's cycle " + child
                + " must lie within the parent's cycle " + parent + "; align it to a parent of the same or a longer cycle", null));
          }
          return Future.succeededFuture();
        });
  }

  /**
   * Checks that the live objectives aligned directly below {@code objectiveId} (to it or to one of
   * its key results) still lie within its new cycle window.
   */
  static Future<Void> checkChildCycles(SqlClient client, String orgId, UUID objectiveId, Window window) {
    String sql = """
        SELECT o.key FROM objectives o JOIN cycles c ON c.id = o.cycle_id
        WHERE o.org_id = $1 AND o.archived_at IS NULL
          AND (o.parent_id = $2 OR o.parent_key_result_id IN (SELECT id FROM key_results WHERE org_id = $1 AND objective_id = $2))
          AND (c.start_date < $3 OR c.end_date > $4)
        ORDER BY o.key LIMIT 20""";
    return client.preparedQuery(sql).execute(Tuple.of(orgId, objectiveId, window.start(), window.end()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          List<String> keys = new ArrayList<>();
          rows.forEach(row -> keys.add(row.getString("key")));
          return Future.failedFuture(ApiException.invalid("cycleId", "cycle_excludes_children", "the cycle " + window
              + " would not contain the cycles of the aligned objectives " + String.join(", ", keys)
              + "; move them first or choose a longer cycle", new io.vertx.core.json.JsonObject().put("keys", String.join(", ", keys))));
        });
  }

  /** Completes with the loop of units that giving {@code unitId} the parent {@code newParentId} would close, or an empty list. */
  static Future<List<String>> findUnitLoop(SqlClient client, String orgId, UUID unitId, UUID newParentId) {
    String sql = """
        WITH RECURSIVE up(id, parent, keys, depth) AS (
          SELECT id, parent_id, ARRAY[key], 1 FROM units WHERE org_id = $1 AND id = $3
          UNION ALL
          SELECT u.id, u.parent_id, up.keys || u.key, up.depth + 1
          FROM up JOIN units u ON u.id = up.parent AND u.org_id = $1
          WHERE up.id <> $2 AND up.depth < $4
        )
        SELECT (SELECT key FROM units WHERE id = $2) AS moved, keys FROM up WHERE id = $2""";
    return client.preparedQuery(sql).execute(Tuple.of(orgId, unitId, newParentId, MAX_DEPTH))
        .map(Alignment::loopKeys);
  }

  /** Reads the moved node's key and the keys walked up to it again, or an empty list without a loop. */
  private static List<String> loopKeys(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return List.of();
    }
    Row row = rows.iterator().next();
    List<String> loop = new ArrayList<>();
    loop.add(row.getString("moved"));
    loop.addAll(List.of(row.getArrayOfStrings("keys")));
    return loop;
  }

  private static Window window(Row row) {
    return new Window(row.getString("key"), row.getLocalDate("start_date"), row.getLocalDate("end_date"));
  }
}
