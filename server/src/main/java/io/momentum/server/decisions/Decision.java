package io.momentum.server.decisions;

import io.momentum.server.auth.Caller;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One entry of the decision trail, before it is stored.
 *
 * @param actor URN of the person or token that decided ({@code urn:momentum:user:<id>},
 *     {@code urn:momentum:token:<id>}), or {@link #SYSTEM} for Momentum itself
 * @param actorName display name of the actor at the time, or null
 * @param kind what was decided about, one of {@link DecisionTrail#KINDS}
 * @param subjectType type of the thing decided about ({@code key_result}, {@code objective},
 *     {@code unit}, {@code signal}, ...), or null
 * @param subjectId id of that thing, or null
 * @param decision the decision as a short verb: {@code accepted}, {@code dismissed}, {@code requested}, ...
 * @param reason why, in the actor's words, or null
 * @param evidence what the actor was shown when deciding (the finding, the signal's data points,
 *     the model request); never null
 * @param ref id of the suggestion, draft, signal or brief the decision is about, or null
 */
public record Decision(String orgId, String actor, String actorName, String kind, String subjectType,
                       String subjectId, String decision, String reason, JsonObject evidence, String ref) {

  /** Actor of decisions Momentum makes by itself, such as a signal resolved when its condition cleared. */
  public static final String SYSTEM = "system";

  public Decision {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(decision, "decision");
    evidence = evidence == null ? new JsonObject() : evidence;
  }

  /** Creates an entry decided by the caller of a request, in the caller's organisation. */
  public static Decision by(Caller caller, String kind, String subjectType, String subjectId, String decision,
                            String reason, JsonObject evidence, String ref) {
    return new Decision(caller.orgId(), caller.source(), caller.name(), kind, subjectType, subjectId, decision,
        reason, evidence, ref);
  }

  /** Creates an entry Momentum decided by itself. */
  public static Decision bySystem(String orgId, String kind, String subjectType, String subjectId, String decision,
                                  String reason, JsonObject evidence, String ref) {
    return new Decision(orgId, SYSTEM, "Momentum", kind, subjectType, subjectId, decision, reason, evidence, ref);
  }
}
