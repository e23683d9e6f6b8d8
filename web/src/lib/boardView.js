// Pure grouping of a board state into what the pages show. Members keep the order in which the
// server listed them, so rows do not jump around while a board moves.

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
 * top-level units (the company objectives).
 */
export function portfolioView(state) {
  const units = Object.values(state.units)
  const nodes = Object.values(state.nodes)
  const roots = buildUnitTree(units)
  const rootIds = new Set(roots.map((root) => root.unit.id))
  return {
    roots,
    outcomes: nodes.filter((node) => node.kind === 'strategic_outcome'),
    companyObjectives: nodes.filter((node) => node.kind === 'objective' && rootIds.has(node.unitId)),
  }
}

/**
 * Groups a unit board: the unit's summary, its objectives of open cycles each with their key
 * results, the objectives of closed cycles apart, the unit's KPIs, and key results whose
 * objective is not on the board.
 */
export function unitBoardView(state, unitId) {
  const nodes = Object.values(state.nodes)
  const objectives = nodes.filter((node) => node.kind === 'objective')
  const objectiveIds = new Set(objectives.map((objective) => objective.id))
  const keyResults = nodes.filter((node) => node.kind === 'key_result')

  const groups = objectives.map((objective) => ({
    objective,
    keyResults: keyResults.filter((keyResult) => keyResult.parentId === objective.id),
  }))
  const closedCycleIds = new Set(state.cycles.filter((cycle) => cycle.closed).map((cycle) => cycle.id))
  const isClosed = (group) => closedCycleIds.has(group.objective.cycleId)

  return {
    unit: state.units[unitId] ?? null,
    objectives: groups.filter((group) => !isClosed(group)),
    closedObjectives: groups.filter(isClosed),
    kpis: nodes.filter((node) => node.kind === 'kpi'),
    otherKeyResults: keyResults.filter((keyResult) => !objectiveIds.has(keyResult.parentId)),
  }
}

/** Returns the cycle with the given id from a board state, or null. */
export function findCycle(state, cycleId) {
  return state.cycles.find((cycle) => cycle.id === cycleId) ?? null
}
