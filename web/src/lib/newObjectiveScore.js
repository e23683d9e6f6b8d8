// A unit's score before and after a new objective without values joins it. The unit score is
// the unweighted mean of its objectives' progress, so a new objective counts 0 % until its key
// results get values. The same holds for a parent objective that rolls up its children.

import { scoredCycleIds } from './boardView.js'
import { cycleScope, toFixed, unitCycleScore } from './cycleScope.js'

// Fixed point as the engine keeps progress and weights: 1 is 10,000.
const ONE = 10_000

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
export function scoreWithNewObjective(objectives, changed = new Map()) {
  if (objectives.length === 0) {
    return null
  }
  const before = unitCycleScore(objectives).progress
  const lowered = objectives.map((objective) => (changed.has(objective.id) ? { ...objective, progress: changed.get(objective.id) } : objective))
  const after = unitCycleScore([...lowered, { progress: 0, expected: 0, noData: true, status: 'pending' }]).progress
  return after < before ? { before, after } : null
}

/**
 * Returns the drop of parent objective `parentId`'s progress that a new child objective with
 * contribution weight `weight` causes, as `{ before, after, title }` (progress from 0 to 1, 4
 * decimals). It reads the parent's live goal board `state`, which lists the parent and every node
 * below it. `rollupChildren` is the parent's stored setting, where null means the default: child
 * objectives join the mean when the parent has no key results. Returns null when the parent is
 * not on the board, is not an objective, is closed, leaves its child objectives out, or does not
 * drop.
 *
 * The engine's rule: an objective's progress is the weighted mean of its key results and, when
 * it rolls up its children, its child objectives, each with weight above 0. Weights and progress
 * are fixed point with 4 decimals, and the mean is rounded half up. A new child counts 0 %.
 */
export function parentScoreDrop(state, parentId, rollupChildren, weight) {
  const parent = state?.nodes?.[parentId]
  // NOTE: a strategic outcome as parent drops too when the new objective's cycle overlaps today.
  // Outcomes are left out here, so the notice does not name that drop.
  if (!parent || parent.kind !== 'objective' || parent.status === 'closed') {
    return null
  }
  const children = Object.values(state.nodes).filter((node) => node.parentId === parentId)
  const keyResults = children.filter((node) => node.kind === 'key_result')
  const rollsUp = rollupChildren ?? keyResults.length === 0
  const newWeight = fixedWeight(weight)
  if (!rollsUp || newWeight === 0) {
    return null
  }
  let sumWeighted = 0
  let sumWeight = 0
  for (const child of children) {
    const childWeight = child.kind === 'key_result' || child.kind === 'objective' ? fixedWeight(child.weight) : 0
    sumWeighted += childWeight * toFixed(child.progress)
    sumWeight += childWeight
  }
  const before = toFixed(parent.progress)
  const after = divideHalfUp(sumWeighted, sumWeight + newWeight)
  return after < before ? { before: before / ONE, after: after / ONE, title: parent.title ?? parent.key } : null
}

/** Returns a contribution weight in fixed point as the engine reads it: null is 1, below 0 is 0. */
function fixedWeight(weight) {
  if (weight === null || weight === undefined || weight === '') {
    return ONE
  }
  const number = Number(weight)
  return Number.isFinite(number) ? Math.max(0, Math.round(number * ONE)) : ONE
}

function divideHalfUp(numerator, denominator) {
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}

/**
 * Returns the drop of unit `unitId`'s score that a new objective in `cycleId` causes, as
 * `{ before, after, cycle }` (see scoredCyclesForNewObjective for `cycle`), from the objectives on
 * the unit's live board `state`. `parentDrop`, as `{ id, after }`, is the lowered progress of the
 * new objective's parent, which lowers the unit score too when the parent is one of the unit's
 * scored objectives. Returns null while the board is not loaded or when the score does not drop.
 */
export function newObjectiveScoreDrop(state, unitId, cycles, cycleId, today, parentDrop = null) {
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
  // NOTE: the parent's own parent, when it rolls up its children, drops as well. This score
  // leaves that out, so it can end lower after saving when that objective belongs to the unit.
  const changed = parentDrop ? new Map([[parentDrop.id, parentDrop.after]]) : new Map()
  const drop = scoreWithNewObjective(objectives, changed)
  return drop === null ? null : { ...drop, cycle: scored.cycle }
}
