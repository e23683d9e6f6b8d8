// Pure grouping of a board state into what the pages show. Members keep the order in which the
// server listed them, so rows do not jump around while a board moves. Without a chosen cycle
// (scope null) a board shows all its members. With one, it shows the goals of the cycles the
// scope covers, and those of the enclosing cycles apart (see lib/cycleScope.js).

import { unitCycleScore } from './cycleScope.js'

/**
 * Builds the unit tree (company -> business units -> teams) from unit summaries.
 * Returns the roots as `{ unit, children }` nodes. A unit whose parent is not on the board
 * becomes a root, so no unit disappears from the portfolio.
 */
export function buildUnitTree(units) {
  const branches = new Map()
  for (const unit of units) {
    branches.set(unit.id, { unit, children: [] })
  }
  const roots = []
  for (const branch of branches.values()) {
    const parent = branch.unit.parentId ? branches.get(branch.unit.parentId) : undefined
    if (parent && parent !== branch) {
      parent.children.push(branch)
    } else {
      roots.push(branch)
    }
  }
  return roots
}

/**
 * Groups a portfolio board: the unit tree, the strategic outcomes, and the objectives of the
 * top-level units (the company objectives). With a scope, outcomes and company objectives are
 * those of the covered and enclosing cycles, and `enclosingObjectives` contains the company
 * objectives of the enclosing cycles as `{ cycle, nodes }`, innermost cycle first.
 */
export function portfolioView(state, scope = null) {
  const units = Object.values(state.units)
  const nodes = Object.values(state.nodes)
  const roots = buildUnitTree(units)
  const rootIds = new Set(roots.map((root) => root.unit.id))
  const outcomes = nodes.filter((node) => node.kind === 'strategic_outcome')
  const companyObjectives = nodes.filter((node) => node.kind === 'objective' && rootIds.has(node.unitId))
  if (!scope) {
    return { roots, outcomes, companyObjectives, enclosingObjectives: [] }
  }
  const shownCycleIds = new Set([...scope.coveredIds, ...scope.enclosing.map((cycle) => cycle.id)])
  return {
    roots,
    outcomes: outcomes.filter((node) => !node.cycleId || shownCycleIds.has(node.cycleId)),
    companyObjectives: inCoveredOrder(companyObjectives, scope),
    enclosingObjectives: scope.enclosing
      .map((cycle) => ({ cycle, nodes: companyObjectives.filter((node) => node.cycleId === cycle.id) }))
      .filter((entry) => entry.nodes.length > 0),
  }
}

// The nodes of the covered cycles: the chosen cycle's first, then by the cycles' start dates,
// and within a cycle in the server's order.
function inCoveredOrder(nodes, scope) {
  const rank = new Map(scope.covered.map((cycle, index) => [cycle.id, index]))
  return nodes.filter((node) => rank.has(node.cycleId)).sort((left, right) => rank.get(left.cycleId) - rank.get(right.cycleId))
}

/**
 * Returns the score of unit `unitId` over its objectives on `state` whose cycle the scope covers
 * (see unitCycleScore). Works on any board that contains the unit's objectives, such as its unit
 * board. Cycles inside the chosen one that start after `today` (an ISO date) are plans, so they do
 * not lower the score. When the chosen cycle itself lies ahead, its plans are what is scored.
 */
export function unitScoreInScope(state, unitId, scope, today = new Date().toISOString().slice(0, 10)) {
  return unitCycleScore(objectivesInScope(state, unitId, scope, today))
}

function objectivesInScope(state, unitId, scope, today) {
  const scored = scoredCycleIds(scope, today)
  return Object.values(state.nodes).filter(
    (node) => node.kind === 'objective' && node.unitId === unitId && scored.has(node.cycleId),
  )
}

/** Returns the ids of the units below `unitId` at any depth, from `units` (unit id to unit with `parentId`). */
export function subUnitIds(units, unitId) {
  const below = []
  const queue = [unitId]
  while (queue.length > 0) {
    const parentId = queue.shift()
    for (const unit of Object.values(units)) {
      if (unit.parentId === parentId && unit.id !== unitId && !below.includes(unit.id)) {
        below.push(unit.id)
        queue.push(unit.id)
      }
    }
  }
  return below
}

/**
 * Returns the score of unit `unitId` together with its sub-units at any depth: the unweighted mean
 * of all their objectives that the scope scores (see unitScoreInScope), as the portfolio briefs
 * score "a unit and its sub-units". `boards` maps unit ids to unit boards and `units` is the
 * portfolio's units by id. The score has `withSubUnits: true`. Returns `{ loading: true }` while a
 * board of the subtree is missing and `{ unavailable: true }` when one could not be read.
 */
export function subtreeScoreInScope(boards, units, unitId, scope, today = new Date().toISOString().slice(0, 10)) {
  const ids = [unitId, ...subUnitIds(units, unitId)]
  const subtreeBoards = ids.map((id) => boards[id])
  if (subtreeBoards.some((board) => !board)) {
    return { loading: true }
  }
  if (subtreeBoards.some((board) => board.error)) {
    return { unavailable: true }
  }
  const objectives = ids.flatMap((id, index) => objectivesInScope(subtreeBoards[index], id, scope, today))
  return { ...unitCycleScore(objectives), withSubUnits: true }
}

/** Returns the ids of the covered cycles whose objectives count towards a score on `today`. */
export function scoredCycleIds(scope, today) {
  if (scope.cycle.start > today) {
    return scope.coveredIds
  }
  return new Set(scope.covered.filter((cycle) => cycle.start <= today).map((cycle) => cycle.id))
}

/**
 * Groups a unit board: the unit's summary, its objectives each with their key results, the
 * unit's KPIs, and key results whose objective is not on the board.
 *
 * Without a scope, objectives of running cycles are in `objectives`, those of open cycles that
 * start after `today` in `upcomingObjectives`, and those of closed cycles in `closedObjectives`. With a scope, `sections` contains `{ cycle, groups }` for the chosen cycle
 * (always) and each covered cycle inside it that has objectives, `enclosingSections` the same for
 * the enclosing cycles that have objectives, `hiddenCount` the number of objectives of other
 * cycles, and `score` the unit's score over the covered cycles. KPIs are continuous and always
 * shown.
 */
export function unitBoardView(state, unitId, scope = null, today = new Date().toISOString().slice(0, 10)) {
  const nodes = Object.values(state.nodes)
  const objectives = nodes.filter((node) => node.kind === 'objective')
  const objectiveIds = new Set(objectives.map((objective) => objective.id))
  const keyResults = nodes.filter((node) => node.kind === 'key_result')

  const groups = objectives.map((objective) => ({
    objective,
    keyResults: keyResults.filter((keyResult) => keyResult.parentId === objective.id),
  }))
  const common = {
    unit: state.units[unitId] ?? null,
    kpis: nodes.filter((node) => node.kind === 'kpi'),
    otherKeyResults: keyResults.filter((keyResult) => !objectiveIds.has(keyResult.parentId)),
  }
  if (!scope) {
    const closedCycleIds = new Set(state.cycles.filter((cycle) => cycle.closed).map((cycle) => cycle.id))
    const upcomingCycleIds = new Set(state.cycles.filter((cycle) => !cycle.closed && cycle.start > today).map((cycle) => cycle.id))
    const isClosed = (group) => closedCycleIds.has(group.objective.cycleId)
    const isUpcoming = (group) => upcomingCycleIds.has(group.objective.cycleId)
    return {
      ...common,
      objectives: groups.filter((group) => !isClosed(group) && !isUpcoming(group)),
      upcomingObjectives: groups.filter(isUpcoming),
      closedObjectives: groups.filter(isClosed),
    }
  }

  const inCycle = (cycle) => ({ cycle, groups: groups.filter((group) => group.objective.cycleId === cycle.id) })
  const sections = scope.covered.map(inCycle).filter((section, index) => index === 0 || section.groups.length > 0)
  const enclosingSections = scope.enclosing.map(inCycle).filter((section) => section.groups.length > 0)
  const enclosingIds = new Set(scope.enclosing.map((cycle) => cycle.id))
  const hiddenCount = groups.filter(
    (group) => !scope.coveredIds.has(group.objective.cycleId) && !enclosingIds.has(group.objective.cycleId),
  ).length
  return {
    ...common,
    sections,
    enclosingSections,
    hiddenCount,
    score: unitScoreInScope(state, unitId, scope, today),
  }
}

/** Returns the cycle with the given id from a board state, or null. */
export function findCycle(state, cycleId) {
  return state.cycles.find((cycle) => cycle.id === cycleId) ?? null
}
