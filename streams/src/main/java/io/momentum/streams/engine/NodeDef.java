package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Definition of a goal node as stored in PostgreSQL: identity, alignment and the measurement
 * settings. Observed values are not part of the definition; they arrive as {@link Observation}s.
 *
 * <p>Fields that do not apply to a kind are null. {@code weight} is the contribution weight to the
 * parent (null means 1, 0 means tracked but not scored). {@code rollupChildren} null means the
 * default: on for an objective without key results. {@code direction} is the KPI direction
 * ({@link Measurement#INCREASE} when higher is better, {@link Measurement#DECREASE} when lower is
 * better) and, for a key result that follows a KPI, an explicit direction. {@code green} and
 * {@code red} bound a KPI's corridor.
 *
 * <p>KPIs may also carry {@code drivers} (the KPIs that move this one, each with the variable
 * name a {@code formula} uses and a weight), a {@code formula} over those variables that computes
 * the KPI's value, {@code targets} due on given dates, and {@code expectedEvery}, how often a new
 * value is due (null means the organisation's stale period). {@code ownerId} names the person who
 * owns the node.
 *
 * <p>A key result measured by work items may carry {@code workFrom}, the ids of initiatives of the
 * same organisation whose work it follows: its items are then its own plus every item of those
 * initiatives, each counted once.
 *
 * <p>{@code createdAt} is when the node was created, or null when unknown; missed check-ins of a
 * key result are counted from it when it is later than its cycle's start.
 *
 * <p>{@code exampleNumbers} is true for a key result whose start and target are still the library
 * example numbers of the draft it was accepted from; boards show a mark, and no number depends on it.
 */
public record NodeDef(
    String id, String orgId, String key, NodeKind kind, Measurement measurement, String title,
    String parentId, String unitId, String cycleId, String ownerName, BigDecimal weight,
    Boolean rollupChildren, BigDecimal start, BigDecimal target, BigDecimal low, BigDecimal high,
    BigDecimal tolerance, BigDecimal commit, BigDecimal stretch, String unit, String kpiId,
    Measurement direction, BigDecimal green, BigDecimal red, List<MilestoneDef> milestones,
    String ownerId, String formula, List<DriverDef> drivers, List<DatedTarget> targets,
    Duration expectedEvery, List<String> workFrom, Instant createdAt, boolean exampleNumbers) {

  public NodeDef {
    workFrom = workFrom == null ? List.of() : List.copyOf(workFrom);
    milestones = milestones == null ? List.of() : List.copyOf(milestones);
    drivers = drivers == null ? List.of() : List.copyOf(drivers);
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /** A driver of a KPI: the driving KPI, the variable a formula names it by, and its weight. */
  public record DriverDef(String kpiId, String variable, BigDecimal weight) {
  }

  /** A KPI target value due on a date. */
  public record DatedTarget(LocalDate due, BigDecimal value) {
  }

  /** Starts a definition with the fields every node has. */
  public static Builder builder(String id, String orgId, NodeKind kind) {
    return new Builder(id, orgId, kind);
  }

  /** Returns a builder holding this definition's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id, orgId, kind);
    b.key = key;
    b.measurement = measurement;
    b.title = title;
    b.parentId = parentId;
    b.unitId = unitId;
    b.cycleId = cycleId;
    b.ownerName = ownerName;
    b.weight = weight;
    b.rollupChildren = rollupChildren;
    b.start = start;
    b.target = target;
    b.low = low;
    b.high = high;
    b.tolerance = tolerance;
    b.commit = commit;
    b.stretch = stretch;
    b.unit = unit;
    b.kpiId = kpiId;
    b.direction = direction;
    b.green = green;
    b.red = red;
    b.milestones = milestones;
    b.ownerId = ownerId;
    b.formula = formula;
    b.drivers = drivers;
    b.targets = targets;
    b.expectedEvery = expectedEvery;
    b.workFrom = workFrom;
    b.createdAt = createdAt;
    b.exampleNumbers = exampleNumbers;
    return b;
  }

  /** Mutable builder for {@link NodeDef}. */
  public static final class Builder {
    private final String id;
    private final String orgId;
    private final NodeKind kind;
    private String key;
    private Measurement measurement;
    private String title;
    private String parentId;
    private String unitId;
    private String cycleId;
    private String ownerName;
    private BigDecimal weight;
    private Boolean rollupChildren;
    private BigDecimal start;
    private BigDecimal target;
    private BigDecimal low;
    private BigDecimal high;
    private BigDecimal tolerance;
    private BigDecimal commit;
    private BigDecimal stretch;
    private String unit;
    private String kpiId;
    private Measurement direction;
    private BigDecimal green;
    private BigDecimal red;
    private List<MilestoneDef> milestones;
    private String ownerId;
    private String formula;
    private List<DriverDef> drivers;
    private List<DatedTarget> targets;
    private Duration expectedEvery;
    private List<String> workFrom;
    private Instant createdAt;
    private boolean exampleNumbers;

    private Builder(String id, String orgId, NodeKind kind) {
      this.id = id;
      this.orgId = orgId;
      this.kind = kind;
    }

    public Builder key(String value) { key = value; return this; }
    public Builder measurement(Measurement value) { measurement = value; return this; }
    public Builder title(String value) { title = value; return this; }
    public Builder parentId(String value) { parentId = value; return this; }
    public Builder unitId(String value) { unitId = value; return this; }
    public Builder cycleId(String value) { cycleId = value; return this; }
    public Builder ownerName(String value) { ownerName = value; return this; }
    public Builder weight(BigDecimal value) { weight = value; return this; }
    public Builder rollupChildren(Boolean value) { rollupChildren = value; return this; }
    public Builder start(BigDecimal value) { start = value; return this; }
    public Builder target(BigDecimal value) { target = value; return this; }
    public Builder low(BigDecimal value) { low = value; return this; }
    public Builder high(BigDecimal value) { high = value; return this; }
    public Builder tolerance(BigDecimal value) { tolerance = value; return this; }
    public Builder commit(BigDecimal value) { commit = value; return this; }
    public Builder stretch(BigDecimal value) { stretch = value; return this; }
    public Builder unit(String value) { unit = value; return this; }
    public Builder kpiId(String value) { kpiId = value; return this; }
    public Builder direction(Measurement value) { direction = value; return this; }
    public Builder green(BigDecimal value) { green = value; return this; }
    public Builder red(BigDecimal value) { red = value; return this; }
    public Builder milestones(List<MilestoneDef> value) { milestones = value; return this; }
    public Builder ownerId(String value) { ownerId = value; return this; }
    public Builder formula(String value) { formula = value; return this; }
    public Builder drivers(List<DriverDef> value) { drivers = value; return this; }
    public Builder targets(List<DatedTarget> value) { targets = value; return this; }
    public Builder expectedEvery(Duration value) { expectedEvery = value; return this; }
    public Builder workFrom(List<String> value) { workFrom = value; return this; }
    public Builder createdAt(Instant value) { createdAt = value; return this; }
    public Builder exampleNumbers(boolean value) { exampleNumbers = value; return this; }

    public NodeDef build() {
      return new NodeDef(id, orgId, key, kind, measurement, title, parentId, unitId, cycleId,
          ownerName, weight, rollupChildren, start, target, low, high, tolerance, commit, stretch,
          unit, kpiId, direction, green, red, milestones, ownerId, formula, drivers, targets,
          expectedEvery, workFrom, createdAt, exampleNumbers);
    }
  }
}
