// Board state held by the client, and the pure rules that turn snapshot and delta messages into
// it. A board's version is the sum of its members' versions (unit summaries and nodes), and a
// member is replaced only by a copy with a higher version, so a repeated or late delta never
// moves a member backwards.

/** Builds the board state from a snapshot message (or the REST snapshot body). */
export function boardFromSnapshot(snapshot) {
  return {
    board: snapshot.board,
    version: snapshot.version,
    at: snapshot.at ?? null,
    units: indexById(snapshot.units),
    nodes: indexById(snapshot.nodes),
    cycles: snapshot.cycles ?? [],
    // Unresolved signals of the board by id, and the label and kind of each value source.
    signals: indexById(snapshot.signals),
    sources: snapshot.sources ?? {},
  }
}

/**
 * Returns the board state with a signal change applied: a resolved signal leaves the board, any
 * other replaces the held copy unless that copy has a higher version.
 */
export function applySignal(state, signal) {
  const held = state.signals?.[signal.id]
  if (held && held.version > signal.version) {
    return state
  }
  const signals = { ...(state.signals ?? {}) }
  if (signal.state === 'resolved') {
    delete signals[signal.id]
  } else {
    signals[signal.id] = signal
  }
  return { ...state, signals }
}

function indexById(members) {
  const byId = {}
  for (const member of members ?? []) {
    byId[member.id] = member
  }
  return byId
}

/** Returns the sum of the versions of all unit summaries and nodes of a board state. */
export function memberVersionSum(state) {
  return sumVersions(state.units) + sumVersions(state.nodes)
}

function sumVersions(byId) {
  let sum = 0
  for (const member of Object.values(byId)) {
    sum += member.version
  }
  return sum
}

/**
 * Applies a delta message to a board state without changing the given state.
 *
 * Returns `{ outcome, state, changedIds, removedIds }` where outcome is
 * - `applied`: the returned state contains the delta; changedIds lists the members it replaced
 *   and removedIds the nodes it dropped,
 * - `stale`: the delta ends at or below the held version, so nothing changed,
 * - `gap`: changes between the held version and the delta are missing, so the caller must
 *   fetch a snapshot; the returned state is the unchanged input.
 *
 * A delta with `removed` (ids of nodes that left the board) lowers the board version by the
 * removed members' versions, so board versions are not ordered across it. Such a delta applies
 * only when its `from` equals the held version, and only when the resulting member sum equals
 * its `version`; otherwise the outcome is `gap`.
 */
export function applyDelta(state, delta) {
  const removed = delta.removed ?? []
  if (removed.length > 0) {
    return applyRemovingDelta(state, delta, removed)
  }
  if (delta.from > state.version) {
    return { outcome: 'gap', state, changedIds: [], removedIds: [] }
  }
  if (delta.version <= state.version) {
    return { outcome: 'stale', state, changedIds: [], removedIds: [] }
  }

  const changedIds = []
  const units = mergeNewer(state.units, delta.units, changedIds)
  const nodes = mergeNewer(state.nodes, delta.nodes, changedIds)
  const next = { ...state, units, nodes }

  // The board version grows by exactly the version increases of the members replaced. Counting
  // the increases instead of re-adding all members keeps this true even if the held version and
  // the member sum were ever to differ by a constant.
  const version = state.version + (memberVersionSum(next) - memberVersionSum(state))
  if (version < delta.version) {
    return { outcome: 'gap', state, changedIds: [], removedIds: [] }
  }
  next.version = version
  return { outcome: 'applied', state: next, changedIds, removedIds: [] }
}

function applyRemovingDelta(state, delta, removed) {
  if (delta.from !== state.version) {
    return { outcome: 'gap', state, changedIds: [], removedIds: [] }
  }
  const kept = { ...state.nodes }
  const removedIds = []
  for (const id of removed) {
    if (kept[id] !== undefined) {
      delete kept[id]
      removedIds.push(id)
    }
  }
  const changedIds = []
  const units = mergeNewer(state.units, delta.units, changedIds)
  const nodes = mergeNewer(kept, delta.nodes, changedIds)
  const next = { ...state, units, nodes }
  const version = memberVersionSum(next)
  if (version !== delta.version) {
    return { outcome: 'gap', state, changedIds: [], removedIds: [] }
  }
  next.version = version
  return { outcome: 'applied', state: next, changedIds, removedIds }
}

function mergeNewer(held, incoming, changedIds) {
  if (!incoming || incoming.length === 0) {
    return held
  }
  let merged = held
  for (const member of incoming) {
    const current = held[member.id]
    if (current === undefined || member.version > current.version) {
      if (merged === held) {
        merged = { ...held }
      }
      merged[member.id] = member
      changedIds.push(member.id)
    }
  }
  return merged
}

/**
 * Returns the ids of members that are new in `next` or carry a different version than in
 * `previous`. Used to highlight what a replacing snapshot changed.
 */
export function changedMemberIds(previous, next) {
  const ids = []
  for (const kind of ['units', 'nodes']) {
    for (const [id, member] of Object.entries(next[kind])) {
      const before = previous[kind][id]
      if (before === undefined || before.version !== member.version) {
        ids.push(id)
      }
    }
  }
  return ids
}
