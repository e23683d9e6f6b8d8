import { parseDecimal } from './numbers.js'

/** Id of a key result that is being created, in quality-check requests. */
export const NEW_KEY_RESULT_ID = 'new'

function numberOrNothing(value) {
  const number = parseDecimal(value)
  return number === null || Number.isNaN(number) ? undefined : number
}

function withoutEmpty(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null && value !== ''))
}

/** Returns the quality-check form of an objective ({title, ownerId}), or of none. */
export function objectiveDraft(objective) {
  return { title: objective?.title ?? '', ...withoutEmpty({ ownerId: objective?.ownerId, ownerName: objective?.ownerName }) }
}

/** Returns the quality-check form of a saved key result. */
export function savedKeyResultDraft(keyResult) {
  return withoutEmpty({
    id: keyResult.id,
    text: keyResult.title ?? '',
    start: numberOrNothing(keyResult.start),
    target: numberOrNothing(keyResult.target),
    unit: keyResult.unit,
    measurement: keyResult.measurement,
    // Drafted key results carry the leading or lagging tag of their source; saved ones have none.
    indicator: keyResult.indicator,
    ownerId: keyResult.ownerId,
  })
}

/** Returns the quality-check form of a key result form being edited ({title, start, target, ...} as typed). */
export function keyResultFormDraft(form, id) {
  return withoutEmpty({
    id,
    text: form.title ?? '',
    start: numberOrNothing(form.start),
    target: numberOrNothing(form.target),
    unit: form.unit,
    measurement: form.measurement,
    ownerId: form.ownerId,
  })
}

/**
 * Returns the key results of a request: the saved ones in their order with `edited` in place of
 * the one with its id, and `edited` last when it is new.
 */
export function keyResultsWith(saved, edited) {
  const list = saved.map((keyResult) => (keyResult.id === edited.id ? edited : savedKeyResultDraft(keyResult)))
  if (!saved.some((keyResult) => keyResult.id === edited.id)) {
    list.push(edited)
  }
  return list
}

// Points a finding costs when the server sent no `penalty`: the default settings.
const DEFAULT_PENALTIES = { error: 20, warning: 10, info: 3 }

/**
 * Returns what a quality panel shows of a report. The panel of a key result (`focus` is its id)
 * shows that key result's findings; the objective's panel (`focus` is 'objective') shows the
 * whole set. Findings whose ref is in `dismissed` are left out of `findings` and counted in
 * `dismissedCount`. `score` follows the checker's definition (100 minus each finding's penalty,
 * clamped to 0-100) over the findings shown, so a dismissed finding does not lower it. Without a
 * report, `score` is null.
 */
export function panelView(report, focus, dismissed, refOf) {
  if (!report) {
    return { findings: [], dismissedCount: 0, score: null }
  }
  const concerned = (report.findings ?? []).filter((finding) => focus === 'objective' || finding.target === focus)
  const findings = concerned.filter((finding) => !dismissed.has(refOf(finding)))
  const penalty = findings.reduce((sum, finding) => sum + (finding.penalty ?? DEFAULT_PENALTIES[finding.severity] ?? 0), 0)
  return {
    findings,
    dismissedCount: concerned.length - findings.length,
    score: Math.max(0, Math.min(100, 100 - penalty)),
  }
}
