package io.momentum.streams.event;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type}s Momentum accepts, and the Kafka topic each travels on. */
public enum EventType {
  KEY_RESULT_VALUE("momentum.keyresult.value", Topics.PROGRESS, true),
  CHECK_IN("momentum.checkin", Topics.PROGRESS, true),
  KPI_MEASUREMENT("momentum.kpi.measurement", Topics.MEASUREMENTS, true),
  WORK_ITEM_CHANGED("momentum.workitem.changed", Topics.WORK, true),
  /** Published by the server after a definition changed in PostgreSQL; not accepted over HTTP. */
  DEFINITION_CHANGED("momentum.definition.changed", Topics.PROGRESS, false);

  private final String wire;
  private final String topic;
  private final boolean external;

  EventType(String wire, String topic, boolean external) {
    this.wire = wire;
    this.topic = topic;
    this.external = external;
  }

  /** Returns the CloudEvents {@code type} attribute. */
  public String wire() {
    return wire;
  }

  /** Returns the Kafka topic that carries events of this type. */
  public String topic() {
    return topic;
  }

  /** Returns whether services may publish this type (over HTTP or Kafka). */
  public boolean external() {
    return external;
  }

  /** Finds the type with the given CloudEvents {@code type} attribute. */
  public static Optional<EventType> fromWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }

  /** Lists the types services may publish, for error messages. */
  public static String externalList() {
    return String.join(", ", Arrays.stream(values()).filter(EventType::external).map(EventType::wire).toList());
  }
}
