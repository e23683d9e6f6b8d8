import { describe, expect, it } from 'vitest'
import { checkInRequests, checkInRow, takesValue } from './checkIn.js'

const CONVERSION = { id: 'kr-1', measurement: 'increase', current: 2.8, confidence: 6 }
const AUDIT = { id: 'kr-2', measurement: 'binary', current: null, confidence: null }
const REORDER = { id: 'kr-3', measurement: 'milestone', current: null, confidence: 4 }
const KEY_RESULTS = [CONVERSION, AUDIT, REORDER]

function rows(changes = {}) {
  return KEY_RESULTS.map((keyResult) => ({ ...checkInRow(keyResult), ...(changes[keyResult.id] ?? {}) }))
}

describe('checkInRequests', () => {
  it('sends nothing for untouched rows', () => {
    expect(checkInRequests(rows(), KEY_RESULTS)).toEqual({ requests: [], errors: {} })
  })

  it('sends only the changed key result', () => {
    const { requests } = checkInRequests(rows({ 'kr-1': { value: '3,1' } }), KEY_RESULTS)
    expect(requests).toEqual([{ keyResultId: 'kr-1', body: { value: 3.1 } }])
  })

  it('sends a moved confidence alone', () => {
    const { requests } = checkInRequests(rows({ 'kr-3': { confidence: 2 } }), KEY_RESULTS)
    expect(requests).toEqual([{ keyResultId: 'kr-3', body: { confidence: 2 } }])
  })

  it('keeps the last confidence with a note', () => {
    const { requests } = checkInRequests(rows({ 'kr-1': { note: ' Shipped the new form ' } }), KEY_RESULTS)
    expect(requests).toEqual([{ keyResultId: 'kr-1', body: { note: 'Shipped the new form', confidence: 6 } }])
  })

  it('treats the current value typed again as unchanged', () => {
    expect(checkInRequests(rows({ 'kr-1': { value: '2.8' } }), KEY_RESULTS).requests).toEqual([])
  })

  it('asks for a number to go with a note', () => {
    const { requests, errors } = checkInRequests(rows({ 'kr-2': { blockers: 'Auditor ill' } }), KEY_RESULTS)
    expect(requests).toEqual([])
    expect(errors).toEqual({ 'kr-2': { confidence: 'checkIn.errors.needsNumber' } })
  })

  it('reports a value that is not a number', () => {
    const { errors } = checkInRequests(rows({ 'kr-1': { value: 'lots' } }), KEY_RESULTS)
    expect(errors).toEqual({ 'kr-1': { value: 'checkIn.errors.notANumber' } })
  })

  it('ignores a typed value of a milestone key result', () => {
    expect(checkInRequests(rows({ 'kr-3': { value: '5' } }), KEY_RESULTS).requests).toEqual([])
  })
})

describe('takesValue', () => {
  it.each([
    ['increase', true],
    ['range', true],
    ['binary', true],
    ['kpi', false],
    ['work_items', false],
  ])('%s takes a value: %s', (measurement, expected) => {
    expect(takesValue(measurement)).toBe(expected)
  })
})
