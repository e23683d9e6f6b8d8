package io.momentum.server.kpis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The driver edges of one organisation (a KPI to the KPIs that drive it), for finding the loop a
 * new list of drivers would close.
 */
final class DriverEdges {

  private final Map<UUID, List<UUID>> driversByKpi = new HashMap<>();

  /** Adds the edge "{@code driver} drives {@code kpi}". */
  void add(UUID kpi, UUID driver) {
    driversByKpi.computeIfAbsent(kpi, k -> new ArrayList<>()).add(driver);
  }

  /** Replaces the drivers of {@code kpi}. */
  void replace(UUID kpi, List<UUID> drivers) {
    driversByKpi.put(kpi, new ArrayList<>(drivers));
  }

  /**
   * Returns a loop through {@code kpi}, as the KPIs from it through its drivers back to it, or an
   * empty list when there is none.
   */
  List<UUID> loopThrough(UUID kpi) {
    Map<UUID, UUID> cameFrom = new HashMap<>();
    Deque<UUID> pending = new ArrayDeque<>();
    pending.push(kpi);
    while (!pending.isEmpty()) {
      UUID current = pending.pop();
      for (UUID driver : driversByKpi.getOrDefault(current, List.of())) {
        if (driver.equals(kpi)) {
          List<UUID> loop = new ArrayList<>();
          loop.add(kpi);
          for (UUID step = current; !step.equals(kpi); step = cameFrom.get(step)) {
            loop.add(step);
          }
          loop.add(kpi);
          // The walk went from the KPI down through drivers: rebuild that order.
          List<UUID> inner = loop.subList(1, loop.size() - 1);
          Collections.reverse(inner);
          return loop;
        }
        if (!cameFrom.containsKey(driver)) {
          cameFrom.put(driver, current);
          pending.push(driver);
        }
      }
    }
    return List.of();
  }
}
