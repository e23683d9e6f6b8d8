package io.momentum.streams.signals;

import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.WorkStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history of one node that the signal rules read: its last check-ins, its last values, the
 * last value of each day, and when each of its work items reached done. Lists are kept in time
 * order and capped, so a node's memory does not grow with its history. An observation at the time
 * of one already kept replaces it, which merges the repeated latest value a rebuild replays.
 */
final class NodeTrack {

  /** Most check-ins kept: the largest stall window a setting allows plus one. */
  static final int MAX_CHECK_INS = 21;
  /** Most values kept, enough for the KPI anomaly window plus the value scored. */
  static final int MAX_VALUES = 61;
  /**
   * Maximum number of days whose last value is kept: a year-long cycle and some slack. The recent
   * values alone cover only minutes when values stream in every few seconds, so the days keep the
   * trend of the whole cycle that a forecast rests on.
   * NOTE: the evidence of a cycle longer than this starts at the oldest day kept.
   */
  static final int MAX_DAYS = 400;

  /** A check-in. {@code value} or {@code confidence} may be null; {@code eventId} is null after a rebuild. */
  record CheckIn(Instant time, BigDecimal value, Integer confidence, String eventId) {
  }

  /** A value at a time, with the value also as a double for statistics. */
  record Point(Instant time, BigDecimal value, double number) {

    Point(Instant time, BigDecimal value) {
      this(time, value, value.doubleValue());
    }
  }

  final List<CheckIn> checkIns = new ArrayList<>();
  final List<Point> values = new ArrayList<>();
  /** Last value of each UTC day, by day. */
  final TreeMap<LocalDate, Point> dailyValues = new TreeMap<>();
  /** Time each work item reached done, by system and external id; items not done are absent. */
  final Map<String, Instant> doneAt = new HashMap<>();

  void add(Observation observation, String eventId) {
    if (observation instanceof Observation.Value value) {
      addValue(value, eventId);
    } else if (observation instanceof Observation.WorkItem item) {
      addWorkItem(item);
    }
  }

  private void addValue(Observation.Value observed, String eventId) {
    if (observed.checkIn()) {
      CheckIn checkIn = new CheckIn(observed.time(), observed.value(), observed.confidence(), eventId);
      int at = position(checkIns, observed.time(), CheckIn::time);
      if (at < checkIns.size() && checkIns.get(at).time().equals(observed.time())) {
        checkIns.set(at, merge(checkIns.get(at), checkIn));
      } else {
        checkIns.add(at, checkIn);
      }
      trim(checkIns, MAX_CHECK_INS);
    }
    if (observed.value() != null) {
      Point point = new Point(observed.time(), observed.value());
      int at = position(values, observed.time(), Point::time);
      if (at < values.size() && values.get(at).time().equals(observed.time())) {
        values.set(at, point);
      } else {
        values.add(at, point);
      }
      trim(values, MAX_VALUES);
      keepDaily(point);
    }
  }

  private void keepDaily(Point point) {
    LocalDate day = point.time().atZone(ZoneOffset.UTC).toLocalDate();
    Point stored = dailyValues.get(day);
    if (stored == null || !point.time().isBefore(stored.time())) {
      dailyValues.put(day, point);
    }
    while (dailyValues.size() > MAX_DAYS) {
      dailyValues.pollFirstEntry();
    }
  }

  /**
   * Returns the values from {@code from} on, oldest first: the last value of each day before the
   * recent values start, then the recent values.
   */
  List<Point> valuesSince(Instant from) {
    List<Point> since = new ArrayList<>();
    Instant recentFrom = values.isEmpty() ? Instant.MAX : values.get(0).time();
    for (Point daily : dailyValues.values()) {
      if (!daily.time().isBefore(from) && daily.time().isBefore(recentFrom)) {
        since.add(daily);
      }
    }
    for (Point recent : values) {
      if (!recent.time().isBefore(from)) {
        since.add(recent);
      }
    }
    return since;
  }

  private static CheckIn merge(CheckIn kept, CheckIn arrived) {
    return new CheckIn(kept.time(),
        arrived.value() != null ? arrived.value() : kept.value(),
        arrived.confidence() != null ? arrived.confidence() : kept.confidence(),
        arrived.eventId() != null ? arrived.eventId() : kept.eventId());
  }

  private void addWorkItem(Observation.WorkItem item) {
    String key = item.system() + ":" + item.externalId();
    if (item.deleted() || item.status() != WorkStatus.DONE) {
      doneAt.remove(key);
    } else {
      doneAt.merge(key, item.time(), (kept, arrived) -> kept.isBefore(arrived) ? kept : arrived);
    }
  }

  /** Returns the check-ins that carry a value, oldest first. */
  List<CheckIn> valuedCheckIns() {
    List<CheckIn> valued = new ArrayList<>();
    for (CheckIn checkIn : checkIns) {
      if (checkIn.value() != null) {
        valued.add(checkIn);
      }
    }
    return valued;
  }

  /** Returns the time of the newest check-in, or null when there is none. */
  Instant lastCheckIn() {
    return checkIns.isEmpty() ? null : checkIns.get(checkIns.size() - 1).time();
  }

  private static <T> int position(List<T> list, Instant time, java.util.function.Function<T, Instant> timeOf) {
    int at = list.size();
    while (at > 0 && timeOf.apply(list.get(at - 1)).isAfter(time)) {
      at--;
    }
    if (at > 0 && timeOf.apply(list.get(at - 1)).equals(time)) {
      at--;
    }
    return at;
  }

  private static <T> void trim(List<T> list, int max) {
    while (list.size() > max) {
      list.remove(0);
    }
  }
}
