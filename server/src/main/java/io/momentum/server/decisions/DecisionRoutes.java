package io.momentum.server.decisions;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of the decision trail: read it page by page, export it whole as JSON Lines, and record
 * the decisions people make in the web app about a suggestion (a quality finding accepted or
 * dismissed, a draft proposal accepted or rejected). The server records decisions about signals,
 * drafts, briefs and language-model calls where they happen.
 */
public final class DecisionRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionRoutes.class);

  /** Decisions a client may record, with the verbs each kind takes. */
  static final Map<String, List<String>> CLIENT_DECISIONS = Map.of(
      DecisionTrail.QUALITY_FINDING, List.of("accepted", "dismissed"),
      DecisionTrail.DRAFT_PROPOSAL, List.of("accepted", "rejected"));

  /** Subject types whose ids must name a node or unit of the caller's organisation. */
  private static final Map<String, String> CHECKED_SUBJECTS = Map.of(
      "objective", "SELECT 1 FROM objectives WHERE org_id = $1 AND id = $2",
      "key_result", "SELECT 1 FROM key_results WHERE org_id = $1 AND id = $2",
      "unit", "SELECT 1 FROM units WHERE org_id = $1 AND id = $2");

  static final List<String> SUBJECT_TYPES = List.of("objective", "key_result", "unit", "draft");
  static final int MAX_REASON_LENGTH = 1_000;
  static final int MAX_REF_LENGTH = 200;
  /** Largest evidence object a client may send, in characters of its JSON encoding. */
  static final int MAX_EVIDENCE_CHARS = 16_384;
  /** Most entries one export returns; the trail of a year of a large organisation fits. */
  static final int MAX_EXPORT_ROWS = 200_000;

  private final Pool pool;
  private final DecisionTrail trail;

  public DecisionRoutes(Pool pool, DecisionTrail trail) {
    this.pool = pool;
    this.trail = trail;
  }

  public void mount(Router router) {
    router.get("/api/v1/decisions").handler(this::list);
    router.get("/api/v1/decisions/export").handler(this::export);
    router.post("/api/v1/decisions").handler(this::create);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    DecisionTrail.Filter filter = filter(query);
    int limit = query.limit();
    query.finish();
    trail.page(pool, caller.orgId(), filter, limit).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    DecisionTrail.Filter filter = filter(query);
    query.finish();
    trail.all(pool, caller.orgId(), filter, MAX_EXPORT_ROWS)
        .onSuccess(entries -> {
          Buffer body = Buffer.buffer();
          entries.forEach(entry -> body.appendString(entry.encode()).appendString("\n"));
          ctx.response()
              .putHeader("Content-Type", "application/x-ndjson; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"decision-trail.jsonl\"")
              .end(body);
        })
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    String kind = body.oneOf("kind", CLIENT_DECISIONS.keySet().stream().sorted().toList(), true);
    String decision = body.text("decision", 40, true);
    if (kind != null && decision != null && !CLIENT_DECISIONS.get(kind).contains(decision)) {
      body.reject("decision", "must be one of " + String.join(", ", CLIENT_DECISIONS.get(kind)) + " for kind " + kind);
    }
    String subjectType = body.oneOf("subjectType", SUBJECT_TYPES, false);
    String subjectId = body.text("subjectId", 100, false);
    if (subjectId != null && subjectType == null && !body.rejected("subjectType")) {
      body.reject("subjectType", "is required with subjectId: one of " + String.join(", ", SUBJECT_TYPES));
    }
    UUID checkedId = null;
    if (subjectId != null && subjectType != null && CHECKED_SUBJECTS.containsKey(subjectType)) {
      try {
        checkedId = UUID.fromString(subjectId);
      } catch (IllegalArgumentException e) {
        body.reject("subjectId", "must be the id of the " + subjectType.replace('_', ' ')
            + ", such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69");
      }
    }
    String reason = body.text("reason", MAX_REASON_LENGTH, false);
    String ref = body.text("ref", MAX_REF_LENGTH, false);
    JsonObject evidence = body.object("evidence", true);
    if (evidence != null && evidence.encode().length() > MAX_EVIDENCE_CHARS) {
      body.reject("evidence", "is " + evidence.encode().length() + " characters of JSON; send at most "
          + MAX_EVIDENCE_CHARS + " (what the person was shown, not whole documents)");
    }
    body.finish();

    Decision entry = Decision.by(caller, kind, subjectType, subjectId, decision, reason, evidence, ref);
    requireSubject(caller.orgId(), subjectType, checkedId)
        .compose(found -> trail.insert(pool, entry))
        .onSuccess(stored -> {
          LOG.info("Decision {} of organisation {} recorded: {} {} of {} {} by {}", stored.getLong("id"),
              caller.orgId(), kind, decision, subjectType, subjectId, caller.source());
          ctx.response().setStatusCode(201);
          ctx.json(stored);
        })
        .onFailure(ctx::fail);
  }

  /** Fails with 404 unless the subject is a node or unit of the organisation; other subjects pass. */
  private Future<Void> requireSubject(String orgId, String subjectType, UUID id) {
    if (id == null) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(CHECKED_SUBJECTS.get(subjectType)).execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound(label(subjectType) + " " + id))
            : Future.succeededFuture());
  }

  private static String label(String subjectType) {
    return switch (subjectType) {
      case "objective" -> "Objective";
      case "key_result" -> "Key result";
      default -> "Unit";
    };
  }

  private static DecisionTrail.Filter filter(QueryParams query) {
    String kind = query.text("kind");
    if (kind != null && !DecisionTrail.KINDS.contains(kind)) {
      query.reject("kind", "must be one of " + String.join(", ", DecisionTrail.KINDS.stream().sorted().toList()));
    }
    String subjectId = query.text("subjectId");
    String nodeId = query.text("nodeId");
    String ref = query.text("ref");
    String beforeText = query.text("before");
    Long before = null;
    if (beforeText != null) {
      try {
        before = Long.parseLong(beforeText);
      } catch (NumberFormatException e) {
        query.reject("before", "must be the id of an entry, as nextBefore of the previous page gives it");
      }
    }
    return new DecisionTrail.Filter(kind, subjectId, nodeId, ref, before);
  }
}
