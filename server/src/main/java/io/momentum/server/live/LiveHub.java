package io.momentum.server.live;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.signals.SignalStore;
import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.live.LiveEntry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves live boards over WebSockets on one event loop: subscriptions, snapshots, coalesced
 * deltas, resume from a version, and pings. Deltas come from {@link LiveFeeds}, which hears each
 * organisation once per node and keeps the recent deltas, so a reconnecting client gets exactly
 * what it missed whichever event loop serves it.
 */
public final class LiveHub {

  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

  /**
   * Tuning of the live protocol.
   *
   * @param coalesceMillis shortest time between two deltas of one board to one socket
   * @param pingMillis how often the server pings each socket
   * @param idleMillis how long a socket may stay silent before it is closed
   * @param maxSubscriptions largest number of boards one socket may subscribe to
   * @param historyEntries node and unit entries of recent deltas kept per organisation for resuming
   * @param historyMillis how long recent deltas are kept for resuming
   * @param maxPendingNodes beyond this many merged changes, a lagging client gets a snapshot instead
   */
  public record Settings(long coalesceMillis, long pingMillis, long idleMillis, int maxSubscriptions,
                         int historyEntries, long historyMillis, int maxPendingNodes) {

    /** Settings of a production node. */
    public static Settings defaults() {
      return new Settings(50, 20_000, 60_000, 20, 20_000, 120_000, 2_000);
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final LiveFeeds liveFeeds;
  private final BoardService boards;
  private final LiveMetrics metrics;
  private final Settings settings;
  private final Set<Connection> connections = new HashSet<>();
  private final Map<String, OrgFeed> feeds = new HashMap<>();
  private final long timer;

  /** Creates the hub of the calling event loop. */
  public LiveHub(Vertx vertx, LiveFeeds liveFeeds, BoardService boards, LiveMetrics metrics, Settings settings) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.liveFeeds = liveFeeds;
    this.boards = boards;
    this.metrics = metrics;
    this.settings = settings;
    this.timer = vertx.setPeriodic(Math.min(settings.pingMillis(), 5_000), id -> housekeeping());
  }

  /** Stops the hub's timer and closes its sockets and event-bus consumers. */
  public void close() {
    vertx.cancelTimer(timer);
    new HashSet<>(connections).forEach(c -> c.socket.close());
    feeds.values().forEach(OrgFeed::close);
    feeds.clear();
  }

  /** Takes over an upgraded WebSocket of an authenticated caller. */
  public void accept(ServerWebSocket socket, Caller caller) {
    Connection connection = new Connection(socket, caller);
    connections.add(connection);
    metrics.sockets().incrementAndGet();
    socket.textMessageHandler(connection::onMessage);
    socket.closeHandler(v -> connection.closed());
    socket.exceptionHandler(e -> LOG.debug("Live socket of {} {} failed", caller.kind(), caller.id(), e));
    LOG.debug("Live socket opened by {} {} of organisation {}", caller.kind(), caller.id(), caller.orgId());
  }

  private void housekeeping() {
    long now = System.currentTimeMillis();
    for (Connection connection : new HashSet<>(connections)) {
      if (now - connection.lastSeen > settings.idleMillis()) {
        LOG.info("Closing live socket of {} {}: silent for {} ms", connection.caller.kind(), connection.caller.id(), now - connection.lastSeen);
        connection.socket.close((short) 1001, "idle");
      } else if (now - connection.lastPing >= settings.pingMillis()) {
        connection.lastPing = now;
        connection.send(new JsonObject().put("type", "ping").put("time", Instant.now().toString()));
      }
    }
    for (Iterator<OrgFeed> it = feeds.values().iterator(); it.hasNext(); ) {
      OrgFeed feed = it.next();
      if (feed.subscriptions.isEmpty() && now - feed.idleSince > 5 * 60_000) {
        feed.close();
        it.remove();
      }
    }
  }

  private OrgFeed feed(String orgId) {
    return feeds.computeIfAbsent(orgId, OrgFeed::new);
  }

  /**
   * This event loop's view of one organisation's deltas and signal changes: its subscriptions and
   * the epoch they count in.
   */
  private final class OrgFeed {
    final String orgId;
    final LiveFeeds.Listener listener;
    final MessageConsumer<JsonObject> signals;
    final Future<Void> ready;
    final Set<Subscription> subscriptions = new HashSet<>();
    String epoch;
    long idleSince = System.currentTimeMillis();

    OrgFeed(String orgId) {
      this.orgId = orgId;
      this.listener = new LiveFeeds.Listener(context, (org, batch) -> onMessage(batch));
      this.signals = vertx.eventBus().consumer(SignalStore.address(orgId), message -> onSignal(message.body()));
      this.ready = Future.all(liveFeeds.attach(orgId, listener), signals.completion()).mapEmpty();
    }

    void onSignal(JsonObject signal) {
      new HashSet<>(subscriptions).forEach(s -> s.onSignal(signal));
    }

    void onMessage(DeltaBatch batch) {
      if (batch.reset() || (epoch != null && !epoch.equals(batch.epoch()))) {
        epoch = batch.epoch();
        new HashSet<>(subscriptions).forEach(Subscription::resnapshot);
        return;
      }
      epoch = batch.epoch();
      new HashSet<>(subscriptions).forEach(s -> s.onDelta(batch));
    }

    /** Returns the node's recent deltas of this organisation that belong to this event loop's epoch. */
    List<DeltaBatch> history() {
      List<DeltaBatch> kept = liveFeeds.history(orgId);
      return epoch == null ? List.of() : kept.stream().filter(b -> epoch.equals(b.epoch())).toList();
    }

    void remove(Subscription subscription) {
      subscriptions.remove(subscription);
      if (subscriptions.isEmpty()) {
        idleSince = System.currentTimeMillis();
      }
    }

    void close() {
      liveFeeds.detach(orgId, listener);
      signals.unregister();
    }
  }

  /** One open WebSocket and its subscriptions. */
  private final class Connection {
    final ServerWebSocket socket;
    final Caller caller;
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    long lastSeen = System.currentTimeMillis();
    long lastPing = System.currentTimeMillis();
    boolean open = true;

    Connection(ServerWebSocket socket, Caller caller) {
      this.socket = socket;
      this.caller = caller;
    }

    void onMessage(String text) {
      lastSeen = System.currentTimeMillis();
      JsonObject message;
      try {
        message = new JsonObject(text);
      } catch (DecodeException e) {
        error(null, "invalid_message", "Messages must be JSON objects such as {\"type\": \"subscribe\", \"board\": \"unit:<id>\"}");
        return;
      }
      String type = message.getValue("type") instanceof String s ? s : null;
      if (type == null) {
        error(null, "invalid_message", "A message needs a \"type\": subscribe, unsubscribe or pong");
        return;
      }
      switch (type) {
        case "subscribe" -> subscribe(message);
        case "unsubscribe" -> unsubscribe(message);
        case "pong" -> { }
        default -> error(null, "unknown_type", "Unknown message type \"" + type + "\"; use subscribe, unsubscribe or pong");
      }
    }

    private void subscribe(JsonObject message) {
      String boardText = message.getValue("board") instanceof String s ? s : null;
      BoardRef board = BoardRef.parse(boardText);
      if (board == null) {
        error(boardText, "invalid_board", "\"board\" must be unit:<unitId>, portfolio:<orgId> or goal:<nodeId>");
        return;
      }
      Object since = message.getValue("since");
      if (since != null && !(since instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue())) {
        error(board.toString(), "invalid_message", "\"since\" must be a board version (a whole number) or left out");
        return;
      }
      String epoch = message.getValue("epoch") instanceof String s ? s : null;
      if (subscriptions.containsKey(board.toString())) {
        subscriptions.remove(board.toString()).close();
      }
      if (subscriptions.size() >= settings.maxSubscriptions()) {
        error(board.toString(), "too_many_subscriptions", "A socket may hold " + settings.maxSubscriptions()
            + " subscriptions; unsubscribe from a board first");
        return;
      }
      Subscription subscription = new Subscription(this, board);
      subscriptions.put(board.toString(), subscription);
      metrics.subscriptions().incrementAndGet();
      boards.checkAccess(caller, board)
          .compose(v -> {
            OrgFeed feed = feed(caller.orgId());
            return feed.ready.map(feed);
          })
          .onSuccess(feed -> subscription.start(feed, since == null ? null : ((Number) since).longValue(), epoch))
          .onFailure(e -> {
            subscription.close();
            subscriptions.remove(board.toString());
            if (e instanceof ApiException api && api.status() == 404) {
              error(board.toString(), "board_not_found", "No board " + board + " in your organisation");
            } else {
              LOG.warn("Subscribing {} {} to {} failed", caller.kind(), caller.id(), board, e);
              error(board.toString(), "subscribe_failed", "Subscribing failed; try again");
            }
          });
    }

    private void unsubscribe(JsonObject message) {
      String board = message.getValue("board") instanceof String s ? s : null;
      Subscription subscription = board == null ? null : subscriptions.remove(board);
      if (subscription != null) {
        subscription.close();
      }
    }

    void error(String board, String code, String text) {
      send(new JsonObject().put("type", "error").put("board", board).put("code", code).put("message", text));
    }

    void send(JsonObject message) {
      send(message.encode());
    }

    void send(String text) {
      if (open) {
        socket.writeTextMessage(text);
      }
    }

    void closed() {
      open = false;
      connections.remove(this);
      metrics.sockets().decrementAndGet();
      subscriptions.values().forEach(Subscription::close);
      subscriptions.clear();
    }
  }

  /** One board shown on one socket: what the client has, and the changes not sent yet. */
  private final class Subscription {
    final Connection connection;
    final BoardRef board;
    final String boardName;
    OrgFeed feed;
    boolean loading = true;
    boolean closed;
    final ArrayDeque<DeltaBatch> buffered = new ArrayDeque<>();
    String epoch;
    long version;
    final Map<String, LiveEntry> pendingNodes = new LinkedHashMap<>();
    final Map<String, LiveEntry> pendingUnits = new LinkedHashMap<>();
    final Set<String> pendingRemoved = new java.util.LinkedHashSet<>();
    /** Ids of the nodes and units on the board, as far as sent or about to be sent to the client. */
    final Set<String> memberNodes = new HashSet<>();
    final Set<String> memberUnits = new HashSet<>();
    boolean membersKnown;
    /** Signal changes heard before the board's members were known. */
    final List<JsonObject> bufferedSignals = new ArrayList<>();
    long pendingTo = -1;
    long lastSentAt;
    long flushTimer = -1;
    boolean waitingForDrain;

    Subscription(Connection connection, BoardRef board) {
      this.connection = connection;
      this.board = board;
      this.boardName = board.toString();
    }

    void start(OrgFeed feed, Long since, String clientEpoch) {
      if (closed) {
        return;
      }
      this.feed = feed;
      feed.subscriptions.add(this);
      if (feed.epoch == null) {
        // This event loop has heard nothing of the organisation yet; the node-wide feed may have.
        feed.epoch = liveFeeds.epoch(feed.orgId);
      }
      if (since != null && feed.epoch != null && (clientEpoch == null || clientEpoch.equals(feed.epoch)) && resumeFromHistory(since)) {
        return;
      }
      readSnapshot(since, clientEpoch);
    }

    /** Sends one delta from {@code since} built from the kept history, when it covers that version. */
    private boolean resumeFromHistory(long since) {
      boolean covered = false;
      boolean seenBoard = false;
      long to = since;
      long lastTo = -1;
      for (DeltaBatch batch : feed.history()) {
        long[] range = batch.range(boardName);
        if (range == null) {
          continue;
        }
        long from = range[0];
        long messageTo = range[1];
        if (messageTo < from || !batch.removedFrom(boardName).isEmpty()) {
          // The board lost members since then. Versions may repeat across a removal, so a version
          // from before it does not say what the client holds: only a snapshot is exact.
          covered = false;
          break;
        }
        if (!seenBoard) {
          seenBoard = true;
          covered = from <= since;
        }
        if (messageTo == since) {
          covered = true;
        }
        if (messageTo > since && covered) {
          merge(batch);
          to = messageTo;
        }
        lastTo = messageTo;
      }
      // A version above the last one heard is not one this epoch gave out.
      if (!covered || since > lastTo) {
        pendingNodes.clear();
        pendingRemoved.clear();
        pendingUnits.clear();
        return false;
      }
      epoch = feed.epoch;
      version = since;
      pendingTo = to;
      loading = false;
      metrics.resumed();
      flush(true);
      readMembersAfterResume();
      return true;
    }

    /**
     * Reads the board once more after a resume, which sends no snapshot: for its members, and for
     * its unresolved signals, which the client may have missed while it was away.
     */
    private void readMembersAfterResume() {
      boards.snapshot(connection.caller, board).onComplete(ar -> {
        if (closed) {
          return;
        }
        if (ar.failed()) {
          LOG.warn("Reading the members of board {} after a resume failed; sending a snapshot", boardName, ar.cause());
          resnapshot();
          return;
        }
        learnMembers(ar.result());
        sendSignals(ar.result().getJsonArray("signals", new JsonArray()));
      });
    }

    private void learnMembers(JsonObject snapshot) {
      memberNodes.clear();
      memberUnits.clear();
      snapshot.getJsonArray("nodes", new JsonArray()).forEach(n -> memberNodes.add(((JsonObject) n).getString("id")));
      snapshot.getJsonArray("units", new JsonArray()).forEach(u -> memberUnits.add(((JsonObject) u).getString("id")));
      for (String id : pendingNodes.keySet()) {
        memberNodes.add(id);
      }
      membersKnown = true;
      List<JsonObject> waiting = List.copyOf(bufferedSignals);
      bufferedSignals.clear();
      waiting.forEach(this::onSignal);
    }

    private void sendSignals(JsonArray signals) {
      for (Object signal : signals) {
        connection.send(signalMessage((JsonObject) signal));
      }
    }

    /** Sends a signal change to the client when it concerns a node or unit on this board. */
    void onSignal(JsonObject signal) {
      if (closed) {
        return;
      }
      if (!membersKnown) {
        bufferedSignals.add(signal);
        return;
      }
      if (concerns(signal.getJsonArray("nodeIds"), memberNodes) || concerns(signal.getJsonArray("unitIds"), memberUnits)) {
        connection.send(signalMessage(signal));
      }
    }

    private boolean concerns(JsonArray ids, Set<String> members) {
      if (ids == null) {
        return false;
      }
      for (Object id : ids) {
        if (members.contains(String.valueOf(id))) {
          return true;
        }
      }
      return false;
    }

    private JsonObject signalMessage(JsonObject signal) {
      return new JsonObject().put("type", "signal").put("board", boardName).put("signal", signal);
    }

    private void readSnapshot(Long since, String clientEpoch) {
      loading = true;
      boards.snapshot(connection.caller, board).onComplete(ar -> {
        if (closed) {
          return;
        }
        if (ar.failed()) {
          boolean loadingState = ar.cause() instanceof ApiException api && api.status() == 503;
          connection.error(boardName, loadingState ? "live_state_loading" : "snapshot_failed",
              loadingState ? "The board's live state is being built; it follows shortly" : "Reading the board failed; retrying");
          if (!loadingState) {
            LOG.warn("Reading board {} failed", boardName, ar.cause());
          }
          vertx.setTimer(2_000, id -> {
            if (!closed) {
              readSnapshot(since, clientEpoch);
            }
          });
          return;
        }
        JsonObject snapshot = ar.result();
        epoch = snapshot.getString("epoch");
        version = snapshot.getLong("version");
        pendingNodes.clear();
        pendingRemoved.clear();
        pendingUnits.clear();
        pendingTo = -1;
        if (since != null && since == version && epoch.equals(clientEpoch)) {
          metrics.resumed();
          connection.send(deltaMessage(since, version));
          sendSignals(snapshot.getJsonArray("signals", new JsonArray()));
        } else {
          connection.send(snapshot);
          metrics.snapshotSent();
        }
        lastSentAt = System.currentTimeMillis();
        loading = false;
        learnMembers(snapshot);
        while (!buffered.isEmpty() && !loading) {
          onDelta(buffered.removeFirst());
        }
      });
    }

    void resnapshot() {
      if (closed || loading) {
        return;
      }
      buffered.clear();
      readSnapshot(null, null);
    }

    void onDelta(DeltaBatch batch) {
      if (closed) {
        return;
      }
      long[] range = batch.range(boardName);
      if (range == null) {
        return;
      }
      if (loading) {
        buffered.add(batch);
        return;
      }
      if (!batch.epoch().equals(epoch)) {
        resnapshot();
        return;
      }
      long from = range[0];
      long to = range[1];
      long current = pendingTo >= 0 ? pendingTo : version;
      if (!batch.removedFrom(boardName).isEmpty()) {
        // A removal lowers the board's version, so versions are not ordered across it: the
        // delta applies only where it continues exactly from what this client was sent.
        if (from != current) {
          LOG.debug("Board {} lost members from version {}, the client is at {}; sending a snapshot",
              boardName, from, current);
          resnapshot();
          return;
        }
        merge(batch);
        pendingTo = to;
        scheduleFlush();
        return;
      }
      if (to < from) {
        // Members left the board without being named; only a snapshot shows that.
        resnapshot();
        return;
      }
      if (to <= current) {
        return;
      }
      if (from > current) {
        LOG.debug("Board {} missed versions {} to {}; sending a snapshot", boardName, current, from);
        resnapshot();
        return;
      }
      merge(batch);
      pendingTo = to;
      if (pendingNodes.size() + pendingUnits.size() > settings.maxPendingNodes() && waitingForDrain) {
        resnapshot();
        return;
      }
      scheduleFlush();
    }

    private void merge(DeltaBatch batch) {
      for (String id : batch.removedFrom(boardName)) {
        pendingNodes.remove(id);
        pendingRemoved.add(id);
        memberNodes.remove(id);
      }
      for (LiveEntry entry : batch.entriesOf(boardName)) {
        (entry.unit() ? memberUnits : memberNodes).add(entry.id());
        Map<String, LiveEntry> pending = entry.unit() ? pendingUnits : pendingNodes;
        LiveEntry held = pending.get(entry.id());
        if (held == null || held.version() < entry.version()) {
          pending.put(entry.id(), entry);
        }
      }
    }

    private void scheduleFlush() {
      if (flushTimer >= 0 || waitingForDrain) {
        return;
      }
      long delay = lastSentAt + settings.coalesceMillis() - System.currentTimeMillis();
      if (delay <= 0) {
        flush(false);
      } else {
        flushTimer = vertx.setTimer(delay, id -> {
          flushTimer = -1;
          flush(false);
        });
      }
    }

    private void flush(boolean evenIfEmpty) {
      // A socket the client closed may not have run its close handler yet, and writing to it fails.
      if (closed || connection.socket.isClosed() || (pendingTo < 0 && !evenIfEmpty)) {
        return;
      }
      if (connection.socket.writeQueueFull()) {
        waitingForDrain = true;
        connection.socket.drainHandler(v -> {
          waitingForDrain = false;
          flush(false);
        });
        return;
      }
      long to = pendingTo >= 0 ? pendingTo : version;
      connection.send(deltaMessage(version, to));
      metrics.deltaSent();
      version = to;
      pendingNodes.clear();
      pendingRemoved.clear();
      pendingUnits.clear();
      pendingTo = -1;
      lastSentAt = System.currentTimeMillis();
    }

    /**
     * Writes a delta message as text around the entries' board JSON, which the owner encoded once
     * for every socket of the cluster.
     */
    private String deltaMessage(long from, long to) {
      StringBuilder text = new StringBuilder(256 + 1024 * (pendingNodes.size() + pendingUnits.size()));
      text.append("{\"type\":\"delta\",\"board\":").append(quoted(boardName))
          .append(",\"epoch\":").append(quoted(epoch))
          .append(",\"from\":").append(from)
          .append(",\"version\":").append(to)
          .append(",\"units\":");
      appendEntries(text, pendingUnits.values(), connection.caller);
      text.append(",\"nodes\":");
      appendEntries(text, pendingNodes.values(), connection.caller);
      if (!pendingRemoved.isEmpty()) {
        text.append(",\"removed\":").append(new io.vertx.core.json.JsonArray(List.copyOf(pendingRemoved)).encode());
      }
      return text.append('}').toString();
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      metrics.subscriptions().decrementAndGet();
      if (flushTimer >= 0) {
        vertx.cancelTimer(flushTimer);
      }
      if (feed != null) {
        feed.remove(this);
      }
    }
  }

  /** Appends the entries' JSON; for a token limited to units or node kinds, only the entries in its scope. */
  private static void appendEntries(StringBuilder text, java.util.Collection<LiveEntry> entries, Caller caller) {
    text.append('[');
    boolean first = true;
    for (LiveEntry entry : entries) {
      if (caller.restricted() && !BoardService.visible(caller, new JsonObject(entry.json()), entry.unit())) {
        continue;
      }
      if (!first) {
        text.append(',');
      }
      text.append(entry.json());
      first = false;
    }
    text.append(']');
  }

  private static String quoted(String value) {
    return io.vertx.core.json.Json.encode(value);
  }
}
