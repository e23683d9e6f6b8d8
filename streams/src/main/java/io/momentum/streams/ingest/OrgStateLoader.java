package io.momentum.streams.ingest;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.StatusLedger;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.signals.ActiveSignal;
import io.momentum.streams.signals.SignalLink;
import io.momentum.streams.signals.SignalSettings;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads an organisation's goal model and value history from the system of record (PostgreSQL). */
public interface OrgStateLoader {

  /**
   * Everything needed to rebuild an organisation's engine and signal detector: definitions,
   * observations in time order, the organisation's stale period in days, its signal thresholds,
   * and the contribution and impact links between its nodes.
   */
  record OrgState(List<CycleDef> cycles, List<UnitDef> units, List<NodeDef> nodes,
                  List<Observation> observations, int staleAfterDays, SignalSettings signalSettings,
                  List<SignalLink> links) {

    /** A state with the default stale period, default signal thresholds and no links. */
    public OrgState(List<CycleDef> cycles, List<UnitDef> units, List<NodeDef> nodes,
                    List<Observation> observations) {
      this(cycles, units, nodes, observations, GoalEngine.DEFAULT_STALE_AFTER_DAYS, SignalSettings.DEFAULTS, List.of());
    }
  }

  /** The organisation settings an engine and its signal detector read: the stale period in days and the signal thresholds. */
  record EngineSettings(int staleAfterDays, SignalSettings signalSettings) {
  }

  /** Completes with the ids of every organisation. */
  Future<List<String>> organisationIds();

  /**
   * Loads an organisation: every definition, the latest value of each node, and the values
   * observed inside the cycles that overlap {@code now} (for forecasts). Completes with null when
   * the organisation does not exist.
   */
  Future<OrgState> load(String orgId, Instant now);

  /**
   * Completes with the unresolved signals of an organisation whose kind is one of {@code kinds},
   * so a rebuilt detector continues them.
   */
  Future<List<ActiveSignal>> activeSignals(String orgId, List<String> kinds);

  /** Completes with the status last recorded for each key result of an organisation, by key-result id. */
  Future<Map<String, StatusLedger.Recorded>> recordedStatuses(String orgId);

  /** Finds a node by key or id, for an event whose subject the engine does not know yet; completes with null when there is none. */
  Future<NodeDef> findNode(String orgId, String subject);

  /**
   * Loads one definition after it changed: a {@link CycleDef}, {@link UnitDef} or {@link NodeDef},
   * or null when it no longer exists.
   *
   * @param entity {@code cycle}, {@code unit} or {@code node}
   */
  Future<Object> loadDefinition(String orgId, String entity, String id);

  /**
   * Loads an organisation's stale period and signal thresholds after an admin changed them;
   * completes with null when the organisation does not exist.
   */
  Future<EngineSettings> loadSettings(String orgId);

  /** Loads every contribution and impact link of an organisation, after one was added or removed. */
  Future<List<SignalLink>> loadLinks(String orgId);
}
