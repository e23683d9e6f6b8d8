package io.momentum.server.demo;

import java.math.BigDecimal;
import java.util.List;

/** Definitions of the demo organisation's content, before ids, dates and history are added. */
final class DemoSpecs {

  private DemoSpecs() {
  }

  /** A unit and the invented people who own its goals; the first person leads the unit. */
  record UnitSpec(String key, String name, String kind, String parentKey, List<String> people) {

    String lead() {
      return people.get(0);
    }
  }

  /**
   * A KPI. {@code latest} is today's value of a KPI that no key result follows; the history of a
   * followed KPI is derived from its key result instead. A {@code weekly} KPI is measured once a
   * week and its last measurement is older than the stale limit.
   */
  record KpiSpec(String key, String title, String unitKey, String owner, String unit, String direction,
                 BigDecimal start, BigDecimal target, BigDecimal green, BigDecimal red, BigDecimal latest,
                 boolean weekly) {
  }

  /** A strategic outcome or an objective. */
  record ObjectiveSpec(String key, String kind, String title, String description, String unitKey,
                       DemoCycles.Role cycle, String parentKey, String owner) {
  }

  /** A milestone of a milestone key result; ids m1, m2, ... follow the list order. */
  record MilestoneSpec(String title, BigDecimal weight) {
  }

  /** A key result; set fields through the fluent methods after the catalog created it. */
  static final class KeyResultSpec {
    final String key;
    final String objectiveKey;
    final String unitKey;
    final DemoCycles.Role cycle;
    final String title;
    final String measurement;
    String owner;
    BigDecimal weight = BigDecimal.ONE;
    BigDecimal start;
    BigDecimal target;
    BigDecimal low;
    BigDecimal high;
    BigDecimal tolerance;
    BigDecimal commit;
    BigDecimal stretch;
    String unit;
    String kpiKey;
    List<MilestoneSpec> milestones = List.of();
    /** Jira project key of the linked work items, such as {@code CHK}. */
    String workProject;
    int workItemCount;
    /** False when no linked item has story points, so progress counts done items. */
    boolean estimated = true;
    ProgressProfile profile;
    /** Days before today over which the value stays flat although linked work gets done; 0 for none. */
    int stalledDays;

    KeyResultSpec(String key, ObjectiveSpec objective, String title, String measurement) {
      this.key = key;
      this.objectiveKey = objective.key();
      this.unitKey = objective.unitKey();
      this.cycle = objective.cycle();
      this.title = title;
      this.measurement = measurement;
    }

    KeyResultSpec owner(String name) {
      this.owner = name;
      return this;
    }

    KeyResultSpec weight(String value) {
      this.weight = new BigDecimal(value);
      return this;
    }

    KeyResultSpec levels(String commitValue, String stretchValue) {
      this.commit = new BigDecimal(commitValue);
      this.stretch = new BigDecimal(stretchValue);
      return this;
    }

    KeyResultSpec profile(ProgressProfile value) {
      this.profile = value;
      return this;
    }

    /** Keeps the value flat over the last {@code days}, so the demo shows a result stalled despite effort. */
    KeyResultSpec stalledFor(int days) {
      this.stalledDays = days;
      return this;
    }

    KeyResultSpec unestimated() {
      this.estimated = false;
      return this;
    }

    /** Number of decimals that values of this key result are rounded to. */
    int decimals() {
      if ("binary".equals(measurement)) {
        return 0;
      }
      if ("range".equals(measurement)) {
        return ValueScale.decimals(low, high, unit);
      }
      return ValueScale.decimals(start, target, unit);
    }
  }
}
