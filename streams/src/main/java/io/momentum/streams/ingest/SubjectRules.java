package io.momentum.streams.ingest;

import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.event.Articles;
import io.momentum.streams.event.EventData;
import io.momentum.streams.event.EventType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks that an event fits the node its subject names: a KPI measurement must name a KPI, a value
 * must name a key result that takes values directly, and so on. HTTP ingest answers a mismatch
 * with 400; Kafka ingest parks the record as a dead letter.
 */
public final class SubjectRules {

  private SubjectRules() {
  }

  /**
   * Returns null when the event fits, else a message naming the mismatch and the fix.
   *
   * @param milestones the node's milestones (empty unless it is a milestone key result)
   */
  public static String check(EventType type, EventData data, String subject, NodeKind kind,
                             Measurement measurement, List<MilestoneDef> milestones) {
    return switch (type) {
      case KEY_RESULT_VALUE -> checkValue(data, subject, kind, measurement, milestones);
      case CHECK_IN -> checkCheckIn((EventData.CheckIn) data, subject, kind, measurement);
      case KPI_MEASUREMENT -> kind == NodeKind.KPI ? null
          : "\"" + subject + "\" is " + Articles.withArticle(kind.wire()) + ", not a KPI; send momentum.kpi.measurement to a KPI";
      case WORK_ITEM_CHANGED -> kind == NodeKind.INITIATIVE
          || (kind == NodeKind.KEY_RESULT && measurement == Measurement.WORK_ITEMS) ? null
          : "\"" + subject + "\" is not driven by work items; link work items to an initiative or a key result measured by work_items";
      case DEFINITION_CHANGED -> null;
    };
  }

  private static String checkValue(EventData data, String subject, NodeKind kind,
                                   Measurement measurement, List<MilestoneDef> milestones) {
    if (kind != NodeKind.KEY_RESULT) {
      return "\"" + subject + "\" is " + Articles.withArticle(kind.wire()) + ", not a key result"
          + (kind == NodeKind.KPI ? "; send momentum.kpi.measurement for a KPI" : "");
    }
    if (data instanceof EventData.Milestone milestone) {
      if (measurement != Measurement.MILESTONE) {
        return "\"" + subject + "\" is measured by " + measurement.wire() + ", not milestones; send {\"value\": ...}";
      }
      boolean known = milestones.stream().anyMatch(
          m -> milestone.milestone().equals(m.id()) || milestone.milestone().equals(m.title()));
      return known ? null : "key result \"" + subject + "\" has no milestone \"" + milestone.milestone() + "\"";
    }
    return checkDirectValue(((EventData.Value) data).value(), subject, measurement);
  }

  private static String checkCheckIn(EventData.CheckIn checkIn, String subject, NodeKind kind,
                                     Measurement measurement) {
    if (kind != NodeKind.KEY_RESULT) {
      return "\"" + subject + "\" is " + Articles.withArticle(kind.wire()) + "; check-ins are made on key results";
    }
    return checkIn.value() == null ? null : checkDirectValue(checkIn.value(), subject, measurement);
  }

  private static String checkDirectValue(BigDecimal value, String subject, Measurement measurement) {
    return switch (measurement) {
      case INCREASE, DECREASE, RANGE -> null;
      case BINARY -> value.compareTo(BigDecimal.ZERO) == 0 || value.compareTo(BigDecimal.ONE) == 0 ? null
          : "key result \"" + subject + "\" is binary; send 0 (not done) or 1 (done), not " + value.toPlainString();
      case MILESTONE -> "key result \"" + subject + "\" is measured by milestones; send {\"milestone\": \"<id or title>\", \"done\": true}";
      case KPI -> "key result \"" + subject + "\" follows a KPI; send momentum.kpi.measurement to that KPI instead";
      case WORK_ITEMS -> "key result \"" + subject + "\" is driven by work items; send momentum.workitem.changed instead";
    };
  }
}
