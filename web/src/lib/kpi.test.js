import { describe, expect, it } from 'vitest'
import { corridorLayout, corridorStatus, corridorZone, isOverdue, kpiStateKey, targetInForce } from './kpi.js'

describe('corridorZone', () => {
  it.each([
    ['increase', 16000, 'green'],
    ['increase', 15000, 'green'],
    ['increase', 13000, 'amber'],
    ['increase', 12000, 'red'],
  ])('%s KPI with green 15000, red 12000 at %s is %s', (direction, current, zone) => {
    expect(corridorZone({ current, green: 15000, red: 12000, direction })).toBe(zone)
  })

  it.each([
    [0.4, 'green'],
    [0.8, 'amber'],
    [1.0, 'red'],
  ])('decreasing KPI with green 0.5, red 1.0 at %s is %s', (current, zone) => {
    expect(corridorZone({ current, green: 0.5, red: 1.0, direction: 'decrease' })).toBe(zone)
  })

  it('is null without a value', () => {
    expect(corridorZone({ current: null, green: 1, red: 0, direction: 'increase' })).toBeNull()
  })

  it('maps zones to statuses', () => {
    expect(['green', 'amber', 'red', null].map(corridorStatus)).toEqual(['on_track', 'at_risk', 'off_track', 'pending'])
  })
})

describe('kpiStateKey', () => {
  it.each([
    [{ status: 'on_track', current: 5, green: 4, red: 2 }, 'kpi.state.on_track'],
    [{ status: 'pending', current: null, green: 4, red: 2 }, 'kpi.state.noValue'],
    [{ status: 'pending', current: 5, green: null, red: null }, 'kpi.state.noCorridor'],
    [{ status: 'pending', current: 5, green: 4, red: 2 }, 'kpi.state.pending'],
  ])('names the state of %o', (kpi, key) => {
    expect(kpiStateKey(kpi)).toBe(key)
  })
})

describe('targetInForce', () => {
  const kpi = { target: 100, targets: [{ due: '2027-06-30', value: 560 }, { due: '2026-12-31', value: 500 }] }

  it('takes the first target due on or after today', () => {
    expect(targetInForce(kpi, '2026-12-04')).toEqual({ due: '2026-12-31', value: 500 })
  })

  it('takes the last target when all are past', () => {
    expect(targetInForce(kpi, '2028-01-01')).toEqual({ due: '2027-06-30', value: 560 })
  })

  it('falls back to the plain target', () => {
    expect(targetInForce({ target: 100, targets: [] }, '2026-01-01')).toEqual({ due: null, value: 100 })
  })

  it('is null without any target', () => {
    expect(targetInForce({ target: null, targets: [] }, '2026-01-01')).toBeNull()
  })
})

describe('corridorLayout', () => {
  it('puts red left and green right for an increasing KPI', () => {
    const layout = corridorLayout({ current: 13500, green: 15000, red: 12000, direction: 'increase' })
    expect(layout.bands.map((band) => band.zone)).toEqual(['red', 'amber', 'green'])
    expect(layout.bands[1]).toEqual({ zone: 'amber', from: 16.7, to: 83.3 })
    expect(layout.marker).toBe(50)
  })

  it('puts green left for a decreasing KPI', () => {
    const layout = corridorLayout({ current: 0.8, green: 0.5, red: 1.0, direction: 'decrease' })
    expect(layout.bands.map((band) => band.zone)).toEqual(['green', 'amber', 'red'])
  })

  it('is null without a corridor', () => {
    expect(corridorLayout({ current: 1, green: null, red: null })).toBeNull()
  })
})

describe('isOverdue', () => {
  const now = Date.parse('2026-12-04T12:00:00Z')

  it('is true when the last value is older than expected', () => {
    expect(isOverdue({ expectedEveryHours: 24, currentAt: '2026-12-03T11:00:00Z' }, now)).toBe(true)
  })

  it('is false within the expected frequency', () => {
    expect(isOverdue({ expectedEveryHours: 24, currentAt: '2026-12-04T00:00:00Z' }, now)).toBe(false)
  })

  it('is false without an expected frequency', () => {
    expect(isOverdue({ expectedEveryHours: null, currentAt: '2026-01-01T00:00:00Z' }, now)).toBe(false)
  })
})
