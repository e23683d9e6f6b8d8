import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import SignalEvidence from './SignalEvidence.vue'

const KEY_RESULT_ID = 'n0000000-0000-4000-8000-000000000031'
const INITIATIVE_ID = 'n0000000-0000-4000-8000-000000000032'

function dependencySignal() {
  return {
    id: 's0000000-0000-4000-8000-000000000009',
    kind: 'dependency_at_risk',
    code: 'dependency_at_risk',
    nodeIds: [KEY_RESULT_ID, INITIATIVE_ID],
    params: { nodeId: KEY_RESULT_ID, title: 'Checkout revamp', kind: 'key_result', otherTitle: 'Checkout revamp', otherKind: 'initiative', relation: 'depends_on', count: 1 },
    evidence: {
      offTrack: [{ id: INITIATIVE_ID, key: 'checkout-revamp-epic', title: 'Checkout revamp', kind: 'initiative', relation: 'depends_on', link: 'input', status: 'off_track', progress: '0.2', expected: '0.6' }],
      linked: 1,
    },
  }
}

function forecastSignal() {
  return {
    id: 's0000000-0000-4000-8000-000000000010',
    kind: 'off_track_forecast',
    code: 'off_track_forecast',
    nodeIds: [KEY_RESULT_ID],
    params: { nodeId: KEY_RESULT_ID, title: 'Page load time', unit: 's' },
    evidence: {
      forecast: { value: '119.8142', progress: '0.6687', points: 4 },
      start: '180', target: '90', current: '125',
      cycle: { id: 'c-1', start: '2026-10-01', end: '2026-12-31' },
      leadDays: 41,
    },
  }
}

function confidenceDropSignal() {
  return {
    id: 's0000000-0000-4000-8000-000000000011',
    kind: 'confidence_drop',
    code: 'confidence_drop',
    nodeIds: [KEY_RESULT_ID],
    params: { nodeId: KEY_RESULT_ID, title: 'Checkout conversion', unit: '%', from: 8, to: 3, drop: 5 },
    evidence: {
      checkIns: [
        { at: '2026-11-20T10:00:00Z', value: '2.6', confidence: 8 },
        { at: '2026-12-04T10:00:00Z', value: '2.9', confidence: 3 },
      ],
      reference: { at: '2026-11-20T10:00:00Z', value: '2.6', confidence: 8 },
      latest: { at: '2026-12-04T10:00:00Z', value: '2.9', confidence: 3 },
      drop: 5,
      threshold: 2,
    },
  }
}

function carriedMissedCheckInSignal() {
  return {
    id: 's0000000-0000-4000-8000-000000000012',
    kind: 'missed_check_in',
    code: 'missed_check_in',
    nodeIds: [KEY_RESULT_ID],
    params: { nodeId: KEY_RESULT_ID, title: 'Guest checkout rate', dueAt: '2026-10-08T00:00:00Z', missed: 9, carriedValue: '65', carriedAt: '2026-10-01T00:00:00Z', unit: '%' },
    evidence: {
      lastCheckIn: null, countedFrom: '2026-10-01T00:00:00Z', dueAt: '2026-10-08T00:00:00Z', graceDays: 2, missed: 9,
      recentCheckIns: [], unit: '%', carriedValue: '65', carriedAt: '2026-10-01T00:00:00Z',
    },
  }
}

let wrapper

function show(signal, locale = 'en') {
  wrapper = mountWithApp(SignalEvidence, createTestApp({ locale }), { props: { signal } })
  return wrapper
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('SignalEvidence', () => {
  it('names the kind of an off-track dependency', () => {
    const row = show(dependencySignal()).get('[data-testid="signal-off-track-node"]')
    expect(row.get('[data-testid="signal-node-kind"]').text()).toBe('initiative')
    expect(row.get('[data-testid="signal-off-track-link"]').attributes('href')).toBe(`/nodes/${INITIATIVE_ID}/impact`)
  })

  it('names the kind in German', () => {
    const row = show(dependencySignal(), 'de').get('[data-testid="signal-off-track-node"]')
    expect(row.get('[data-testid="signal-node-kind"]').text()).toBe('Initiative')
  })

  it('writes the status of a dependency in lower case in German', () => {
    const row = show(dependencySignal(), 'de').get('[data-testid="signal-off-track-node"]')
    expect(row.text()).toMatch(/: nicht im Plan, /)
  })

  it('links the key result a dependency signal concerns', () => {
    const link = show(dependencySignal()).get('[data-testid="signal-node-link"]')
    expect(link.attributes('href')).toBe(`/key-results/${KEY_RESULT_ID}`)
  })

  it('shows a forecast with the precision of its values', () => {
    const forecast = show(forecastSignal()).get('[data-testid="signal-forecast"]')
    expect(forecast.text()).toContain('120 s')
    expect(forecast.text()).not.toContain('119.8')
  })

  it('charts confidence of a confidence drop', () => {
    const chart = show(confidenceDropSignal()).get('[data-testid="signal-chart"]')
    expect(chart.attributes('data-metric')).toBe('confidence')
    expect(chart.get('[data-testid="signal-chart-title"]').text()).toBe('Confidence (0–10) at each check-in')
    expect(chart.get('[data-testid="signal-chart-max"]').text()).toBe('10')
    expect(chart.get('[data-testid="signal-chart-min"]').text()).toBe('0')
  })

  it('writes check-in confidence out of 10', () => {
    const cells = show(confidenceDropSignal()).findAll('[data-testid="signal-points"] tbody td:nth-child(3)')
    expect(cells.map((cell) => cell.text())).toEqual(['8/10', '3/10'])
  })

  it('labels the first and last date', () => {
    const chart = show(confidenceDropSignal()).get('[data-testid="signal-chart"]')
    expect(chart.get('[data-testid="signal-chart-from"]').text()).toBe('Nov 20, 2026')
    expect(chart.get('[data-testid="signal-chart-to"]').text()).toBe('Dec 4, 2026')
  })

  it('names the drop threshold in the legend', () => {
    const chart = show(confidenceDropSignal(), 'de').get('[data-testid="signal-chart"]')
    expect(chart.get('[data-testid="signal-chart-line-threshold"]').exists()).toBe(true)
    expect(chart.get('[data-testid="signal-chart-legend-threshold"]').text()).toBe('Ein Rückgang um 2 oder mehr Punkte gegenüber 8 löst ein Signal aus')
  })

  it('states the drop rule in English', () => {
    const legend = show(confidenceDropSignal()).get('[data-testid="signal-chart-legend-threshold"]')
    expect(legend.text()).toBe('A drop of 2 or more points from 8 raises a signal')
  })

  it('shows a value carried over from the previous cycle', () => {
    const carried = show(carriedMissedCheckInSignal()).get('[data-testid="signal-carried-value"]')
    expect(carried.text()).toMatch(/^65 % from the previous cycle, on Oct 1, 2026/)
  })

  it('shows a carried-over value in German', () => {
    const carried = show(carriedMissedCheckInSignal(), 'de').get('[data-testid="signal-carried-value"]')
    expect(carried.text()).toMatch(/^65 % aus dem vorherigen Zyklus, am /)
  })

  it('shows the unit of check-ins from the evidence', () => {
    const signal = confidenceDropSignal()
    delete signal.params.unit
    signal.evidence.unit = '%'
    const cells = show(signal).findAll('[data-testid="signal-points"] tbody td')
    expect(cells[1].text()).toBe('2.6 %')
  })

  it('pads the axis of a flat stalled chart', () => {
    const signal = {
      id: 's0000000-0000-4000-8000-000000000012',
      kind: 'stalled_despite_effort',
      code: 'stalled_despite_effort',
      nodeIds: [KEY_RESULT_ID],
      params: { nodeId: KEY_RESULT_ID, title: 'App store rating', unit: '%' },
      evidence: { checkIns: [{ at: '2026-11-20T10:00:00Z', value: '48' }, { at: '2026-12-04T10:00:00Z', value: '48' }] },
    }
    const chart = show(signal).get('[data-testid="signal-chart"]')
    expect(chart.get('[data-testid="signal-chart-max"]').text()).toBe('50 %')
    expect(chart.get('[data-testid="signal-chart-min"]').text()).toBe('40 %')
  })
})
