// The cycles page's tree: strategy cycles hold annual cycles, which hold quarters.

const KIND_ORDER = { strategy: 0, annual: 1, quarter: 2 }

/** The kind a cycle's parent must have, or null for strategy cycles, which have none. */
export const PARENT_KIND = { strategy: null, annual: 'strategy', quarter: 'annual' }

/**
 * Nests the cycles as [{cycle, children}] by parentId, each level ordered by start date. A cycle
 * whose parent is missing from the list sits at the top level, so that none is hidden.
 */
export function buildCycleTree(cycles) {
  const ids = new Set(cycles.map((cycle) => cycle.id))
  const childrenOf = new Map()
  for (const cycle of cycles) {
    const parentKey = cycle.parentId && ids.has(cycle.parentId) && cycle.parentId !== cycle.id ? cycle.parentId : null
    if (!childrenOf.has(parentKey)) {
      childrenOf.set(parentKey, [])
    }
    childrenOf.get(parentKey).push(cycle)
  }

  const visited = new Set()
  function branch(parentKey) {
    return (childrenOf.get(parentKey) ?? [])
      .filter((cycle) => !visited.has(cycle.id))
      .sort(compareCycles)
      .map((cycle) => {
        visited.add(cycle.id)
        return { cycle, children: branch(cycle.id) }
      })
  }
  return branch(null)
}

/** Returns the cycles that can hold a new cycle of `kind`: strategy cycles for annual ones, annual ones for quarters. */
export function parentCandidates(cycles, kind) {
  const parentKind = PARENT_KIND[kind]
  return parentKind ? cycles.filter((cycle) => cycle.kind === parentKind).sort(compareCycles) : []
}

/**
 * Returns the open cycles that can receive carried-over objectives from `cycle`: the server's
 * suggestions first, then every other open cycle of the same kind.
 */
export function carryOverTargets(cycles, cycle, suggested) {
  const targets = [...suggested]
  const taken = new Set(targets.map((target) => target.id))
  for (const candidate of [...cycles].sort(compareCycles)) {
    if (candidate.id !== cycle.id && !candidate.closed && candidate.kind === cycle.kind && !taken.has(candidate.id)) {
      targets.push(candidate)
      taken.add(candidate.id)
    }
  }
  return targets
}

function compareCycles(left, right) {
  return left.start.localeCompare(right.start) || (KIND_ORDER[left.kind] ?? 9) - (KIND_ORDER[right.kind] ?? 9) || left.key.localeCompare(right.key)
}
