// A unit's score before and after a new objective without values joins it. The unit score is
// the unweighted mean of its objectives' progress, so a new objective counts 0 % until its key
// results get values.

import { scoredCycleIds } from './boardView.js'
import { cycleScope, unitCycleScore } from './cycleScope.js'

/**
 * Returns the cycles whose objectives count towards the unit score that a new objective in
 * `cycleId` lowers, as `{ ids, cycle }`. When the cycle runs on `today` (an ISO date), these are
 * all cycles that overlap today, as in the score the unit board shows by default, and `cycle` is
 * null. Otherwise they are the cycles the board scores when that cycle is chosen, and `cycle` is
 * the chosen cycle. Returns null when `cycleId` names no cycle of `cycles`.
 */
export function scoredCyclesForNewObjective(cycles, cycleId, today) {
  const scope = cycleScope(cycles, cycleId)
  if (scope === null) {
    return null
  }
  if (scope.cycle.start <= today && today <= scope.cycle.end) {
    const running = cycles.filter((cycle) => cycle.start <= today && today <= cycle.end)
    return { ids: new Set(running.map((cycle) => cycle.id)), cycle: null }
  }
  return { ids: scoredCycleIds(scope, today), cycle: scope.cycle }
}

/**
 * Returns `{ before, after }`, the score of `objectives` (progress from 0 to 1, 4 decimals) and
 * the score once one more objective with progress 0 joins them. Returns null when the new
 * objective does not lower the score, which is the case without objectives or at a score of 0.
 */
export function scoreWithNewObjective(objectives) {
  if (objectives.length === 0) {
    return null
  }
  const before = unitCycleScore(objectives).progress
  const after = unitCycleScore([...objectives, { progress: 0, expected: 0, noData: true, status: 'pending' }]).progress
  return after < before ? { before, after } : null
}

/**
 * Returns the drop of unit `unitId`'s score that a new objective in `cycleId` causes, as
 * `{ before, after, cycle }` (see scoredCyclesForNewObjective for `cycle`), from the objectives on
 * the unit's live board `state`. Returns null while the board is not loaded or when the score
 * does not drop.
 */
export function newObjectiveScoreDrop(state, unitId, cycles, cycleId, today) {
  if (!state) {
    return null
  }
  const scored = scoredCyclesForNewObjective(cycles, cycleId, today)
  if (scored === null) {
    return null
  }
  const objectives = Object.values(state.nodes).filter(
    (node) => node.kind === 'objective' && node.unitId === unitId && scored.ids.has(node.cycleId),
  )
  // NOTE: a new objective aligned to a parent objective that rolls up its children also lowers
  // that parent's progress. This drop leaves that out, so the score after saving can end lower.
  const drop = scoreWithNewObjective(objectives)
  return drop === null ? null : { ...drop, cycle: scored.cycle }
}
