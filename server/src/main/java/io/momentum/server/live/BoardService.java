package io.momentum.server.live;

import io.momentum.server.http.ApiException;
import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.momentum.server.auth.Caller;
import io.momentum.server.signals.SignalStore;
import io.momentum.server.signals.SourceRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads boards from the cluster's live state for the REST API and the WebSocket: checks that the
 * board belongs to the caller's organisation, reads its members and version, and adds the cycles
 * a screen needs to label them.
 *
 * <p>A token limited to units or node kinds ({@link io.momentum.server.auth.TokenScope}) reads the
 * boards of its units and nodes, and the portfolio, with every node and unit outside its scope
 * left out; the board of a unit or node outside its scope is not found (404).
 */
public final class BoardService {

  private static final String CYCLES = """
      SELECT id, key, name, kind, parent_id, start_date, end_date, closed FROM cycles
      WHERE org_id = $1 ORDER BY start_date, kind""";

  private final Vertx vertx;
  private final Pool pool;
  private final LiveStateStore liveState;
  private final SignalStore signals;
  private final SourceRegistry sources;

  public BoardService(Vertx vertx, Pool pool, LiveStateStore liveState, SignalStore signals, SourceRegistry sources) {
    this.vertx = vertx;
    this.pool = pool;
    this.liveState = liveState;
    this.signals = signals;
    this.sources = sources;
  }

  public void mount(Router router) {
    router.get("/api/v1/boards/:board").handler(this::getBoard);
  }

  private void getBoard(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    BoardRef board = parse(ctx.pathParam("board"));
    checkAccess(caller, board)
        .compose(v -> snapshot(caller, board))
        .onSuccess(snapshot -> {
          snapshot.remove("type");
          ctx.json(snapshot);
        })
        .onFailure(ctx::fail);
  }

  /** Parses a board reference or throws a 400 that shows the three forms. */
  public static BoardRef parse(String text) {
    BoardRef board = BoardRef.parse(text);
    if (board == null) {
      throw ApiException.invalid("board", "must be unit:<unitId>, portfolio:<orgId> or goal:<nodeId>, not \""
          + (text == null ? "" : text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"");
    }
    return board;
  }

  /**
   * Completes when the board exists in the caller's organisation and is in a restricted token's
   * scope. Fails with 404 otherwise, so a token cannot tell a board outside its scope from a missing one.
   */
  public Future<Void> checkAccess(Caller caller, BoardRef board) {
    String orgId = caller.orgId();
    return switch (board.type()) {
      case PORTFOLIO -> orgId.equals(board.id()) ? Future.succeededFuture()
          : Future.failedFuture(ApiException.notFound("Board " + board));
      case UNIT -> exists("SELECT id AS unit_id, NULL::text AS kind FROM units WHERE org_id = $1 AND id = $2", orgId, board)
          .compose(row -> caller.scope().allowsUnit(row.getUUID("unit_id")) ? Future.<Void>succeededFuture()
              : Future.failedFuture(ApiException.notFound("Board " + board)));
      case GOAL -> exists("SELECT unit_id, kind FROM goal_nodes WHERE org_id = $1 AND id = $2", orgId, board)
          .compose(row -> caller.canRead(row.getUUID("unit_id"), row.getString("kind")) ? Future.<Void>succeededFuture()
              : Future.failedFuture(ApiException.notFound("Board " + board)));
    };
  }

  private Future<Row> exists(String sql, String orgId, BoardRef board) {
    UUID id;
    try {
      id = UUID.fromString(board.id());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiException.notFound("Board " + board));
    }
    return pool.preparedQuery(sql).execute(Tuple.of(orgId, id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiException.notFound("Board " + board))
        : Future.succeededFuture(rows.iterator().next()));
  }

  /** Returns true when a board's node or unit entry is in the caller's scope; always true for unrestricted callers. */
  public static boolean visible(Caller caller, JsonObject entry, boolean unit) {
    if (!caller.restricted()) {
      return true;
    }
    if (unit) {
      return caller.scope().allowsUnit(uuid(entry.getString("id")));
    }
    return caller.canRead(uuid(entry.getString("unitId")), entry.getString("kind"));
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }

  private static JsonArray visibleOnly(Caller caller, JsonArray entries, boolean unit) {
    if (!caller.restricted()) {
      return entries;
    }
    JsonArray kept = new JsonArray();
    for (Object entry : entries) {
      if (entry instanceof JsonObject json && visible(caller, json, unit)) {
        kept.add(json);
      }
    }
    return kept;
  }

  /**
   * Reads a board's snapshot message: {@code {"type": "snapshot", "board", "epoch", "version",
   * "at", "units", "nodes", "cycles", "signals", "sources"}}, where {@code signals} are the
   * unresolved signals that concern a node or unit of the board and {@code sources} maps each
   * source of the nodes' values to its label and kind. Fails with 503 while the organisation's
   * engine is being built.
   */
  public Future<JsonObject> snapshot(Caller caller, BoardRef board) {
    String orgId = caller.orgId();
    Future<LiveStateStore.BoardState> state = vertx.executeBlocking(() -> liveState.read(orgId, board), false);
    Future<JsonArray> cycles = pool.preparedQuery(CYCLES).execute(Tuple.of(orgId)).map(rows -> {
      JsonArray array = new JsonArray();
      for (Row row : rows) {
        array.add(new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("key", row.getString("key"))
            .put("name", row.getString("name"))
            .put("kind", row.getString("kind"))
            .put("parentId", row.getUUID("parent_id") == null ? null : row.getUUID("parent_id").toString())
            .put("start", row.getLocalDate("start_date").toString())
            .put("end", row.getLocalDate("end_date").toString())
            .put("closed", row.getBoolean("closed")));
      }
      return array;
    });
    return Future.all(state, cycles).compose(all -> {
      LiveStateStore.BoardState board0 = state.result();
      if (board0.epoch() == null) {
        return Future.failedFuture(new ApiException(503, "live_state_loading",
            "The live state of organisation " + orgId + " is being built; retry in a few seconds"));
      }
      JsonObject snapshot = new JsonObject()
          .put("type", "snapshot")
          .put("board", board.toString())
          .put("epoch", board0.epoch())
          .put("version", board0.version())
          .put("at", Instant.now().toString())
          .put("units", visibleOnly(caller, board0.units(), true))
          .put("nodes", visibleOnly(caller, board0.nodes(), false))
          .put("cycles", cycles.result());
      return addFreshness(orgId, snapshot);
    });
  }

  private Future<JsonObject> addFreshness(String orgId, JsonObject snapshot) {
    List<UUID> nodeIds = new ArrayList<>();
    Set<String> nodeSources = new LinkedHashSet<>();
    for (Object node : snapshot.getJsonArray("nodes")) {
      if (node instanceof JsonObject json) {
        nodeIds.add(UUID.fromString(json.getString("id")));
        if (json.getString("source") != null) {
          nodeSources.add(json.getString("source"));
        }
      }
    }
    List<UUID> unitIds = new ArrayList<>();
    for (Object unit : snapshot.getJsonArray("units")) {
      if (unit instanceof JsonObject json) {
        unitIds.add(UUID.fromString(json.getString("id")));
      }
    }
    Future<JsonArray> open = signals.unresolvedOf(orgId, nodeIds, unitIds);
    Future<JsonObject> labels = sources.labels(orgId, nodeSources);
    return Future.all(open, labels).map(all -> snapshot.put("signals", open.result()).put("sources", labels.result()));
  }
}
