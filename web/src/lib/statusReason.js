// Why a card shows its status, where the number alone would confuse: a key result at 100 % that
// low confidence sets off track, one with no value yet, a stale one, or an objective whose status
// comes from its worst key result. Reasons are codes with parameters; the page words them.

import { statusFromGap, toFixed } from './cycleScope.js'

const SEVERITY = { on_track: 0, at_risk: 1, off_track: 2 }

/**
 * Returns the reasons for a key result's status as `[{ code, params }]`, most important first:
 * `pending` (no value yet), `confidence` (the latest check-in's confidence worsened the status
 * its progress alone would have; params confidence and status) and `stale` (no check-in or
 * measurement for longer than the organisation allows).
 */
export function keyResultReasons(node) {
  const reasons = []
  if (node.status === 'pending' || node.noData) {
    reasons.push({ code: 'pending', params: {} })
  } else if (confidenceWorsened(node)) {
    reasons.push({ code: 'confidence', params: { confidence: node.confidence, status: node.status } })
  }
  if (node.stale) {
    reasons.push({ code: 'stale', params: {} })
  }
  return reasons
}

function confidenceWorsened(node) {
  const confidence = node.confidence
  if (confidence === null || confidence === undefined || !(node.status in SEVERITY) || confidence > 6) {
    return false
  }
  const fromProgress = statusFromGap(toFixed(node.progress), node.expected === null || node.expected === undefined ? 0 : toFixed(node.expected))
  return SEVERITY[node.status] > SEVERITY[fromProgress]
}

/**
 * Returns the reasons for an objective's status: `pending` when none of its scored key results
 * has a value yet, `worstKeyResult` (params title, status) when its status is worse than its own
 * progress would give and a scored key result has that status, and `stale`.
 */
export function objectiveReasons(objective, keyResults) {
  const reasons = []
  const scored = keyResults.filter((keyResult) => keyResult.weight !== 0)
  if (objective.status === 'pending') {
    reasons.push({ code: 'pending', params: {} })
  } else if (objective.status in SEVERITY) {
    const own = statusFromGap(toFixed(objective.progress), toFixed(objective.expected))
    if (SEVERITY[objective.status] > SEVERITY[own]) {
      const worst = scored.find((keyResult) => keyResult.status === objective.status)
      if (worst) {
        reasons.push({ code: 'worstKeyResult', params: { title: worst.title, status: worst.status } })
      }
    }
  }
  if (objective.stale) {
    reasons.push({ code: 'stale', params: {} })
  }
  return reasons
}
