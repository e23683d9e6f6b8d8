import { requestJson, withQuery } from './http.js'

/**
 * Checks a drafted objective and its key results: `draft` is
 * {language, objective: {title, ownerId?}, keyResults: [{id, text, start?, target?, unit?, measurement?, ownerId?}]}.
 * Returns {score, findings: [{rule, severity, target, evidence, why, fix}]}. Stores nothing.
 */
export async function checkQuality(draft, { signal } = {}) {
  return requestJson('POST', '/api/v1/assist/quality-check', draft, {}, { signal })
}

/** Returns the organisation's quality checker settings with their version. */
export async function getQualitySettings() {
  return requestJson('GET', '/api/v1/settings/quality')
}

/** Changes quality checker settings (admins only); `changes.version` is the version last read. */
export async function updateQualitySettings(changes) {
  return requestJson('PATCH', '/api/v1/settings/quality', changes)
}

/** Reference of a finding in the decision trail: its rule and target, such as "vague_verb:<key result id>". */
export function findingRef(finding) {
  return `${finding.rule}:${finding.target}`
}

/**
 * Records that a person accepted (`accepted`) or dismissed (`dismissed`) a finding. `subject` is
 * {type: 'objective' | 'key_result', id} of a saved node, or null for a draft. `context` is merged
 * into the evidence, such as {keyResultText} of a key result that is not saved yet.
 */
export async function recordFindingDecision(finding, decision, subject, context = null) {
  const evidence = context ? { ...finding, ...context } : finding
  const body = { kind: 'quality.finding', decision, evidence, ref: findingRef(finding) }
  if (subject?.id) {
    body.subjectType = subject.type
    body.subjectId = subject.id
  }
  return requestJson('POST', '/api/v1/decisions', body)
}

/** Returns the set of refs of the findings dismissed for a saved objective or key result. */
export async function dismissedFindingRefs(subjectId) {
  const page = await requestJson('GET', withQuery('/api/v1/decisions', { kind: 'quality.finding', subjectId, limit: 200 }))
  const refs = new Set()
  for (const item of page?.items ?? []) {
    if (item.decision === 'dismissed' && item.ref) {
      refs.add(item.ref)
    }
  }
  return refs
}

/**
 * Moves dismissals made while a key result was being created onto the saved key result. Each
 * finding of `dismissedFindings` has target "new" and was dismissed against the objective. It is
 * recorded again as dismissed for key result `keyResultId`, with ref "<rule>:<keyResultId>" and
 * its earlier ref as `movedFrom`, so the saved key result's panels keep it dismissed.
 */
export async function moveDraftDismissals(dismissedFindings, keyResultId, keyResultText) {
  for (const finding of dismissedFindings) {
    const moved = { ...finding, target: keyResultId }
    await recordFindingDecision(moved, 'dismissed', { type: 'key_result', id: keyResultId }, {
      movedFrom: findingRef(finding),
      keyResultText,
    })
  }
}
