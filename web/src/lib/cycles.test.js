import { describe, expect, it } from 'vitest'
import { cyclePath, cyclesOfKind, defaultCycleId } from './cycles.js'

const CYCLES = [
  { id: 's', kind: 'strategy', parentId: null, start: '2025-01-01', end: '2027-12-31', closed: false },
  { id: 'y25', kind: 'annual', parentId: 's', start: '2025-01-01', end: '2025-12-31', closed: true },
  { id: 'y26', kind: 'annual', parentId: 's', start: '2026-01-01', end: '2026-12-31', closed: false },
  { id: 'q3', kind: 'quarter', parentId: 'y26', start: '2026-07-01', end: '2026-09-30', closed: true },
  { id: 'q4', kind: 'quarter', parentId: 'y26', start: '2026-10-01', end: '2026-12-31', closed: false },
]

describe('defaultCycleId', () => {
  it('picks the open quarter containing today', () => {
    expect(defaultCycleId(CYCLES, '2026-12-04')).toBe('q4')
  })

  it('falls back to the annual cycle when the quarter is closed', () => {
    expect(defaultCycleId(CYCLES, '2026-08-15')).toBe('y26')
  })

  it('falls back to the strategy cycle between years', () => {
    expect(defaultCycleId(CYCLES, '2027-03-01')).toBe('s')
  })

  it('takes the latest cycle when none contains today', () => {
    expect(defaultCycleId(CYCLES, '2031-01-01')).toBe('q4')
  })

  it('is null without cycles', () => {
    expect(defaultCycleId([], '2026-01-01')).toBeNull()
  })
})

describe('cyclePath', () => {
  it('lists a quarter with its year and strategy', () => {
    expect(cyclePath(CYCLES, 'q4').map((cycle) => cycle.id)).toEqual(['s', 'y26', 'q4'])
  })

  it('is empty for an unknown id', () => {
    expect(cyclePath(CYCLES, 'nope')).toEqual([])
  })
})

describe('cyclesOfKind', () => {
  it('lists the quarters of a year by start date', () => {
    expect(cyclesOfKind(CYCLES, 'quarter', 'y26').map((cycle) => cycle.id)).toEqual(['q3', 'q4'])
  })
})
