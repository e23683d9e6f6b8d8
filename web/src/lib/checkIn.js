// The one-minute check-in: which key results changed and the request body of each.
import { parseDecimal } from './numbers.js'

// Measurement kinds whose value a person types; the others come from KPIs, milestones or work items.
const TYPED_VALUE = ['increase', 'decrease', 'range', 'binary']

/** True when a person checks in a value for this measurement kind. */
export function takesValue(measurement) {
  return TYPED_VALUE.includes(measurement)
}

/** Returns the editable row of a key result: the value is empty until the person types one. */
export function checkInRow(keyResult) {
  return {
    keyResultId: keyResult.id,
    value: '',
    confidence: keyResult.confidence ?? null,
    initialConfidence: keyResult.confidence ?? null,
    note: '',
    blockers: '',
    // Milestone id -> done as the person ticks it; starts as stored.
    milestones: Object.fromEntries((keyResult.milestones ?? []).map((milestone) => [milestone.id, Boolean(milestone.done)])),
  }
}

/** Returns the milestones whose tick differs from the stored state, as `[{id, done}]`. */
export function changedMilestones(row, keyResult) {
  return (keyResult.milestones ?? [])
    .filter((milestone) => row.milestones && milestone.id in row.milestones && row.milestones[milestone.id] !== Boolean(milestone.done))
    .map((milestone) => ({ id: milestone.id, done: row.milestones[milestone.id] }))
}

/**
 * Returns the check-ins to send: one `{keyResultId, body}` per changed key result, where a row
 * changed when it has a new value, a moved confidence, a note or blockers. `errors` maps a key
 * result id to {field: message key} for values that do not parse. A row with only a note keeps
 * the last confidence (or the current value) so the server gets the value or confidence it needs.
 */
export function checkInRequests(rows, keyResults) {
  const requests = []
  const errors = {}
  const byId = new Map(keyResults.map((keyResult) => [keyResult.id, keyResult]))
  for (const row of rows) {
    const keyResult = byId.get(row.keyResultId)
    if (!keyResult) {
      continue
    }
    const body = {}
    const value = takesValue(keyResult.measurement) ? parseDecimal(row.value) : null
    if (Number.isNaN(value)) {
      errors[row.keyResultId] = { value: 'checkIn.errors.notANumber' }
      continue
    }
    if (value !== null && value !== keyResult.current) {
      body.value = value
    }
    if (row.confidence !== null && row.confidence !== row.initialConfidence) {
      body.confidence = row.confidence
    }
    const note = row.note.trim()
    const blockers = row.blockers.trim()
    if (note !== '') {
      body.note = note
    }
    if (blockers !== '') {
      body.blockers = blockers
    }
    const milestones = changedMilestones(row, keyResult)
    if (milestones.length > 0) {
      body.milestones = milestones
    }
    if (Object.keys(body).length === 0) {
      continue
    }
    const onlyMilestones = body.note === undefined && body.blockers === undefined
    if (body.value === undefined && body.confidence === undefined && !(milestones.length > 0 && onlyMilestones)) {
      if (row.confidence !== null) {
        body.confidence = row.confidence
      } else if (value !== null) {
        body.value = value
      } else {
        errors[row.keyResultId] = { confidence: 'checkIn.errors.needsNumber' }
        continue
      }
    }
    requests.push({ keyResultId: row.keyResultId, body })
  }
  return { requests, errors }
}
