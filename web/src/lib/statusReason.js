// Reasons a card gives for its status where the number alone would confuse. Examples are a key
// result at 100 % that low confidence sets off track, one with no value yet, a stale one, and an
// objective whose status comes from its worst key result. Reasons are codes with parameters, and
// the page words them.

import { statusFromGap, toFixed } from './cycleScope.js'

const SEVERITY = { on_track: 0, at_risk: 1, off_track: 2 }

/**
 * Returns the reasons for a key result's status as `[{ code, params }]`, most important first.
 * `pending` means no value yet. `confidence` (params confidence and status) means the latest
 * check-in's confidence made the status worse than its progress alone would. `stale` means no
 * check-in or measurement for longer than the organisation allows.
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
 * Returns the reasons for an objective's status. `pending` means none of its scored key results
 * has a value yet. `worstKeyResult` (params title, status) names the first scored key result with
 * the objective's status when that status is worse than its own progress would give. `stale`
 * comes last.
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

/**
 * Returns why a unit's score has its status when that status is at risk or off track, or null.
 * A unit takes the worst status of its objectives, so a high score can still be off track. With
 * objectives in that status the reason is `objectives` (params status, count and `worst`, the
 * lowest-progress objective in that status among `objectives`, or null when none is known). With
 * none, the mean itself lags expected progress and the reason is `behind` (params status).
 * `objectives` may hold any nodes; only the unit's objectives in the score's status count.
 */
export function unitReason(score, unitId, objectives = []) {
  if (!score || !(score.status === 'off_track' || score.status === 'at_risk')) {
    return null
  }
  const status = score.status
  const count = score.counts?.[status] ?? 0
  if (count === 0) {
    return { code: 'behind', params: { status } }
  }
  const candidates = objectives.filter((node) => node.kind === 'objective' && node.unitId === unitId && node.status === status)
  const worst = candidates.reduce((lowest, node) => (lowest === null || Number(node.progress) < Number(lowest.progress) ? node : lowest), null)
  return { code: 'objectives', params: { status, count, worst: worst ? { id: worst.id, title: worst.title } : null } }
}
