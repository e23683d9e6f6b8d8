// Cycle nesting (strategy > annual > quarter) and the choice of a default cycle.

const KIND_DEPTH = { strategy: 0, annual: 1, quarter: 2 }

/** Returns the cycles of one kind that sit in `parentId` (any parent when parentId is undefined), by start date. */
export function cyclesOfKind(cycles, kind, parentId) {
  return cycles
    .filter((cycle) => cycle.kind === kind && (parentId === undefined || cycle.parentId === parentId))
    .sort(compareByStart)
}

/** Returns the cycle and its ancestors, outermost first; an unknown id gives an empty list. */
export function cyclePath(cycles, cycleId) {
  const byId = new Map(cycles.map((cycle) => [cycle.id, cycle]))
  const path = []
  const seen = new Set()
  let current = byId.get(cycleId)
  while (current && !seen.has(current.id)) {
    seen.add(current.id)
    path.unshift(current)
    current = current.parentId ? byId.get(current.parentId) : undefined
  }
  return path
}

/**
 * Picks the cycle a page opens with: the open quarter that contains `today` (an ISO date),
 * else the annual cycle that contains it, else the strategy cycle, else the latest cycle.
 */
export function defaultCycleId(cycles, today) {
  for (const kind of ['quarter', 'annual', 'strategy']) {
    const match = cycles.find((cycle) => cycle.kind === kind && !cycle.closed && cycle.start <= today && today <= cycle.end)
    if (match) {
      return match.id
    }
  }
  const latest = [...cycles].sort(compareByStart).at(-1)
  return latest ? latest.id : null
}

function compareByStart(left, right) {
  return left.start.localeCompare(right.start) || (KIND_DEPTH[left.kind] ?? 9) - (KIND_DEPTH[right.kind] ?? 9)
}
