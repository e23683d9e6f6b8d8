package io.momentum.server.changes;

import java.util.List;

/**
 * CloudEvent types of the outbound changes on the {@code momentum.changes} topic and in outbound
 * webhooks. docs/integrations.md describes the data of each type.
 */
public final class ChangeTypes {

  /** A key result's status moved, for example from on track to at risk. */
  public static final String KEY_RESULT_STATUS_CHANGED = "momentum.keyresult.status_changed";
  /** A check-in on a key result was recorded. */
  public static final String CHECKIN_RECORDED = "momentum.checkin.recorded";
  /** A signal was raised. */
  public static final String SIGNAL_RAISED = "momentum.signal.raised";
  /** A signal was acknowledged, snoozed or resolved. */
  public static final String SIGNAL_UPDATED = "momentum.signal.updated";
  /** A cycle was created. */
  public static final String CYCLE_CREATED = "momentum.cycle.created";
  /** A cycle's name, dates or state changed. */
  public static final String CYCLE_UPDATED = "momentum.cycle.updated";
  /** A cycle was closed. */
  public static final String CYCLE_CLOSED = "momentum.cycle.closed";

  /** Every change type, in the order the API documents them. */
  public static final List<String> ALL = List.of(KEY_RESULT_STATUS_CHANGED, CHECKIN_RECORDED,
      SIGNAL_RAISED, SIGNAL_UPDATED, CYCLE_CREATED, CYCLE_UPDATED, CYCLE_CLOSED);

  private ChangeTypes() {
  }
}
