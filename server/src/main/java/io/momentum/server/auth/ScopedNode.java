package io.momentum.server.auth;

import java.util.UUID;

/**
 * Facts of a goal node that a token's scope check reads.
 *
 * @param id the node's id, or null for a node a request is about to create
 * @param kind the node kind as the REST API spells it, one of {@link TokenScope#NODE_KINDS}
 * @param unitId the node's unit, or null for a KPI or initiative of the whole organisation
 */
public record ScopedNode(UUID id, String key, String kind, UUID unitId) {

  /** Returns the node as messages name it, such as {@code KPI "checkout-conversion"}. */
  public String label() {
    return kindName() + " \"" + (key != null ? key : id != null ? id : "new") + "\"";
  }

  /** Returns the node kind in words, such as "key result" for {@code key_result} and "KPI" for {@code kpi}. */
  public String kindName() {
    return "kpi".equals(kind) ? "KPI" : kind.replace('_', ' ');
  }
}
