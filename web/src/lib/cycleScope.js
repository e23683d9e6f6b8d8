// Scope of a chosen cycle on a board, and a unit's score over that scope. Both are pure, so the
// portfolio, the unit board and their tests share one definition.
//
// A chosen cycle covers itself and the cycles inside it: a quarter covers the quarter, a year
// its own objectives and those of its quarters, a strategy cycle its years and their quarters.
// The cycles around the chosen one (a quarter's year and strategy) are its enclosing cycles:
// boards show their goals apart, labelled with the cycle, and leave them out of the unit score.

const KIND_ORDER = { strategy: 0, annual: 1, quarter: 2 }

// Fixed point as the engine keeps progress: 1 is 10,000.
const ONE = 10_000
// Before 10 % of a cycle has passed, the gap does not count.
const GRACE = 1_000
const ON_TRACK_GAP = -1_000
const AT_RISK_GAP = -2_500

/**
 * Returns the scope of `cycleId` among `cycles` as `{ cycle, covered, coveredIds, enclosing }`,
 * or null when it names no cycle. `covered` lists the cycle and every cycle inside it (the chosen
 * one first, then by start date), and `coveredIds` contains their ids. `enclosing` lists the
 * cycles around it, innermost first.
 */
export function cycleScope(cycles, cycleId) {
  const byId = new Map(cycles.map((cycle) => [cycle.id, cycle]))
  const cycle = byId.get(cycleId)
  if (!cycle) {
    return null
  }
  const covered = [cycle]
  const coveredIds = new Set([cycle.id])
  // Breadth first, so a loop in bad data ends instead of running forever.
  for (let index = 0; index < covered.length; index++) {
    const parent = covered[index]
    for (const candidate of cycles) {
      if (candidate.parentId === parent.id && !coveredIds.has(candidate.id)) {
        coveredIds.add(candidate.id)
        covered.push(candidate)
      }
    }
  }
  const inside = covered.slice(1).sort(compareCycles)

  const enclosing = []
  const seen = new Set(coveredIds)
  let current = cycle.parentId ? byId.get(cycle.parentId) : undefined
  while (current && !seen.has(current.id)) {
    seen.add(current.id)
    enclosing.push(current)
    current = current.parentId ? byId.get(current.parentId) : undefined
  }
  return { cycle, covered: [cycle, ...inside], coveredIds, enclosing }
}

function compareCycles(left, right) {
  return left.start.localeCompare(right.start) || (KIND_ORDER[left.kind] ?? 9) - (KIND_ORDER[right.kind] ?? 9)
}

/**
 * Computes a unit's score over a set of its objectives by the engine's rule for unit summaries.
 * The score is the unweighted mean progress, rounded half up to 4 decimals. Its status is the
 * worst status of the objectives (pending ones left out unless all are pending), or the status of
 * the gap to their mean expected progress when that is worse. So one objective off track makes
 * the unit off track. It carries counts per status and the lowest confidence. An empty list gives `objectives: 0` with null progress and status, so a
 * screen can say "no objectives in this cycle" instead of showing 0 %.
 */
export function unitCycleScore(objectives) {
  const counts = { on_track: 0, at_risk: 0, off_track: 0, pending: 0 }
  if (objectives.length === 0) {
    return { objectives: 0, progress: null, noData: true, status: null, counts, confidence: null, updatedAt: null }
  }

  let sumProgress = 0
  let sumExpected = 0
  let withoutData = 0
  let closed = 0
  let confidence = null
  let updatedAt = null
  for (const objective of objectives) {
    sumProgress += toFixed(objective.progress)
    sumExpected += Math.max(0, toFixed(objective.expected))
    if (objective.noData) {
      withoutData++
    }
    if (objective.status === 'closed') {
      closed++
    } else if (objective.status in counts) {
      counts[objective.status]++
    }
    if (objective.confidence !== null && objective.confidence !== undefined) {
      confidence = confidence === null ? objective.confidence : Math.min(confidence, objective.confidence)
    }
    if (objective.updatedAt && (updatedAt === null || objective.updatedAt > updatedAt)) {
      updatedAt = objective.updatedAt
    }
  }
  if (closed > 0) {
    counts.closed = closed
  }

  const members = objectives.length
  const noData = withoutData === members
  const progress = divideHalfUp(sumProgress, members)
  let status
  if (noData) {
    status = 'pending'
  } else if (closed === members) {
    status = 'closed'
  } else {
    status = worseStatus(worstScored(counts), statusFromGap(progress, divideHalfUp(sumExpected, members)))
  }
  return { objectives: members, progress: progress / ONE, noData, status, counts, confidence, updatedAt }
}

/**
 * Returns the status of a progress against an expected progress, both in fixed point (1 is
 * 10,000). The status is on track when the gap is -0.10 or better, at risk down to -0.25, and
 * off track below. Before 10 % of the cycle has passed it is on track.
 */
export function statusFromGap(progress, expected) {
  if (expected < GRACE) {
    return 'on_track'
  }
  const gap = progress - expected
  if (gap >= ON_TRACK_GAP) {
    return 'on_track'
  }
  return gap >= AT_RISK_GAP ? 'at_risk' : 'off_track'
}

// Scored statuses from best to worst.
const SEVERITY = ['on_track', 'at_risk', 'off_track']

function worstScored(counts) {
  return [...SEVERITY].reverse().find((status) => counts[status] > 0) ?? null
}

function worseStatus(left, right) {
  if (left === null) {
    return right
  }
  return SEVERITY.indexOf(left) >= SEVERITY.indexOf(right) ? left : right
}

/** Converts a wire number such as 0.6298 to fixed point; null or missing counts as 0. */
export function toFixed(value) {
  return value === null || value === undefined ? 0 : Math.round(Number(value) * ONE)
}

function divideHalfUp(numerator, denominator) {
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}
