package io.momentum.streams.event;

import io.momentum.streams.engine.WorkStatus;
import java.math.BigDecimal;
import java.util.List;

/** The validated {@code data} of a CloudEvent, one record per event type. */
public sealed interface EventData {

  /** {@code momentum.keyresult.value} with a number. */
  record Value(BigDecimal value) implements EventData {
  }

  /** {@code momentum.keyresult.value} for a milestone key result: a milestone (id or title) done or not. */
  record Milestone(String milestone, boolean done) implements EventData {
  }

  /** {@code momentum.checkin}: a value and/or a confidence (0-10), with optional notes. */
  record CheckIn(BigDecimal value, Integer confidence, String note, String blockers, String author)
      implements EventData {
  }

  /** {@code momentum.kpi.measurement}. */
  record Measurement(BigDecimal value) implements EventData {
  }

  /**
   * {@code momentum.workitem.changed}: a normalised work item. {@code storyPoints} null means no
   * estimate.
   */
  record WorkItem(String system, String externalId, String itemType, WorkStatus statusCategory,
                  BigDecimal storyPoints, String parentExternalId, boolean deleted)
      implements EventData {
  }

  /**
   * {@code momentum.definition.changed}: reload one entity ({@code node}, {@code unit} or {@code
   * cycle}) from PostgreSQL, or the organisation's {@code settings} (stale period and signal
   * thresholds) or all its {@code links} (contribution and impact links). For the last two, {@code
   * id} is the organisation id.
   */
  record DefinitionChanged(String entity, String id) implements EventData {

    /** Values of {@code entity}. */
    public static final List<String> ENTITIES = List.of("node", "unit", "cycle", "settings", "links");
  }
}
