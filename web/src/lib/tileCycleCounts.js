// Objective counts per cycle that a portfolio tile shows beside its score, so a viewer can tell
// which cycles the tile's numbers cover. Without a chosen cycle, a unit summary scores the
// objectives of every cycle that overlaps today, such as a year and its current quarter.

const KIND_ORDER = { strategy: 0, annual: 1, quarter: 2 }

/** Returns the cycles among `cycles` that overlap `today` (an ISO date), outermost first. */
export function runningCycles(cycles, today) {
  return cycles
    .filter((cycle) => cycle.start <= today && today <= cycle.end)
    .sort((left, right) => (KIND_ORDER[left.kind] ?? 9) - (KIND_ORDER[right.kind] ?? 9) || left.start.localeCompare(right.start))
}

/**
 * Returns `[{ cycle, count }]`: for each of `cycles`, in their order, the number of objectives of
 * unit `unitId` among `nodes` in that cycle.
 */
export function objectiveCountsByCycle(nodes, unitId, cycles) {
  const objectives = nodes.filter((node) => node.kind === 'objective' && node.unitId === unitId)
  return cycles.map((cycle) => ({ cycle, count: objectives.filter((objective) => objective.cycleId === cycle.id).length }))
}

/**
 * Returns the counts a tile shows for the current cycles: the unit's objectives per running
 * annual or quarterly cycle on the portfolio board `state`. A strategy cycle contains strategic
 * outcomes, not objectives, so it is left out. Only a top-level unit (one without a parent) has all its
 * objectives on the portfolio board, so other units and a unit without objectives in any running
 * cycle get an empty list.
 */
export function currentCycleCounts(state, unit, today) {
  if (unit.parentId !== null && unit.parentId !== undefined) {
    return []
  }
  const cycles = runningCycles(state.cycles, today).filter((cycle) => cycle.kind !== 'strategy')
  const counts = objectiveCountsByCycle(Object.values(state.nodes), unit.id, cycles)
  return counts.some((entry) => entry.count > 0) ? counts : []
}

/**
 * Returns the counts a tile shows for a chosen cycle's `scope`: the unit's objectives on its unit
 * board `state` in each enclosing cycle that has some, outermost first. The tile's score covers
 * the chosen cycle, so these name the objectives it leaves out, such as the year's.
 */
export function enclosingCycleCounts(state, unitId, scope) {
  const outermostFirst = [...scope.enclosing].reverse()
  return objectiveCountsByCycle(Object.values(state.nodes), unitId, outermostFirst).filter((entry) => entry.count > 0)
}
