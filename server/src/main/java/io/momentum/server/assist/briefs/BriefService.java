package io.momentum.server.assist.briefs;

import io.momentum.server.decisions.Decision;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.http.ApiException;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates briefs: reads the inputs, composes the sections in the requested language, and stores
 * the brief with its evidence (the inputs read and every number shown) and its
 * {@code brief.generated} entry in the decision trail in one transaction. The REST API and the
 * scheduler share it.
 */
public final class BriefService {

  private static final Logger LOG = LoggerFactory.getLogger(BriefService.class);

  private static final String CURRENT_CYCLE = """
      SELECT id FROM cycles WHERE org_id = $1 AND start_date <= $2 AND end_date >= $2 AND NOT closed
      ORDER BY (kind = 'quarter') DESC, start_date DESC, id LIMIT 1""";

  private final Pool pool;
  private final Clock clock;
  private final BriefReader reader;
  private final BriefStore store;
  private final DecisionTrail trail;

  public BriefService(Vertx vertx, Pool pool, LiveStateStore liveState, Clock clock) {
    this.pool = pool;
    this.clock = clock;
    this.reader = new BriefReader(vertx, pool, liveState);
    this.store = new BriefStore(pool);
    this.trail = new DecisionTrail(clock);
  }

  /**
   * A brief to generate. A null {@code asOf} means now, from the live state.
   *
   * @param createdBy URN of the person or token that asked, or {@link Decision#SYSTEM} for a schedule
   * @param creatorName display name of that person or token, recorded in the decision trail
   */
  public record Request(String orgId, BriefKind kind, UUID unitId, UUID cycleId, String language, Instant asOf,
                        String trigger, UUID scheduleId, String createdBy, String creatorName) {
  }

  /** Generates and stores a brief; completes with the stored brief as the API returns it. */
  public Future<JsonObject> generate(Request request) {
    long started = System.nanoTime();
    // PostgreSQL stores instants to the microsecond, so the brief's numbers name the instant it stores.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    boolean live = request.asOf() == null;
    Instant asOf = live ? now : request.asOf().truncatedTo(ChronoUnit.MICROS);
    UUID id = UUID.randomUUID();
    return reader.read(request.orgId(), request.kind(), request.unitId(), request.cycleId(), asOf, live)
        .compose(inputs -> {
          if (asOf.isBefore(inputs.cycle().start().atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return Future.failedFuture(ApiException.invalid("asOf", "lies before the start of cycle "
                + inputs.cycle().name() + " (" + inputs.cycle().start() + "); give an instant inside the cycle"));
          }
          JsonObject composed = BriefComposer.compose(inputs, BriefWording.of(request.language()));
          JsonObject content = new JsonObject()
              .put("basis", inputs.basis())
              .put("sections", composed.getJsonArray("sections"))
              .put("evidence", inputs.evidence().put("numbers", numbersOf(composed.getJsonArray("sections"))));
          BriefStore.NewBrief brief = new BriefStore.NewBrief(id, request.orgId(), request.kind(), request.unitId(),
              request.cycleId(), request.language(), asOf, inputs.periodStart(), composed.getString("title"), content,
              request.trigger(), request.scheduleId(), request.createdBy(), now);
          Decision decision = new Decision(request.orgId(), request.createdBy(), request.creatorName(),
              DecisionTrail.BRIEF_GENERATED, "unit", request.unitId().toString(), "generated", null,
              content.getJsonObject("evidence").copy().put("title", brief.title()).put("language", request.language())
                  .put("trigger", request.trigger()), id.toString());
          return pool.withTransaction(connection -> BriefStore.insert(connection, brief)
              .compose(v -> trail.record(connection, decision)));
        })
        .compose(v -> store.read(request.orgId(), id))
        .onSuccess(brief -> LOG.info("Generated {} brief {} of unit {} in organisation {} ({}, {}) in {} ms",
            request.kind().wire(), id, request.unitId(), request.orgId(), request.language(), request.trigger(),
            (System.nanoTime() - started) / 1_000_000));
  }

  /** Reads a stored brief; fails with 404 when the organisation has none with this id. */
  public Future<JsonObject> read(String orgId, UUID id) {
    return store.read(orgId, id);
  }

  /** Reads a page of stored briefs, newest first. */
  public Future<JsonObject> page(String orgId, UUID unitId, String kind, UUID before, int limit) {
    return store.page(orgId, unitId, kind, before, limit);
  }

  /**
   * Finds the cycle a scheduled brief covers on {@code day}: the open quarter that contains it,
   * else the open cycle of another kind that contains it. Completes with null when there is none.
   */
  Future<UUID> currentCycle(String orgId, LocalDate day) {
    return pool.preparedQuery(CURRENT_CYCLE).execute(Tuple.of(orgId, day))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** Collects every number shown in the sections, for the evidence. */
  private static JsonArray numbersOf(JsonArray sections) {
    JsonArray numbers = new JsonArray();
    for (Object section : sections) {
      for (Object sentence : ((JsonObject) section).getJsonArray("sentences")) {
        ((JsonObject) sentence).getJsonArray("numbers").forEach(numbers::add);
      }
    }
    return numbers;
  }
}
