import { describe, expect, it } from 'vitest'
import { chartLayout, evidenceChart, paddedRange } from './evidenceChart.js'

function checkIn(at, value, confidence) {
  return { at, value, confidence }
}

function confidenceDrop() {
  return {
    kind: 'confidence_drop',
    evidence: {
      checkIns: [
        checkIn('2026-11-20T10:00:00Z', '2.6', 8),
        checkIn('2026-11-27T10:00:00Z', '2.7', 7),
        checkIn('2026-12-04T10:00:00Z', '2.9', 3),
      ],
      reference: checkIn('2026-11-20T10:00:00Z', '2.6', 8),
      threshold: 2,
    },
  }
}

describe('evidenceChart', () => {
  it('plots confidence of a confidence drop', () => {
    const chart = evidenceChart(confidenceDrop())
    expect(chart.metric).toBe('confidence')
    expect(chart.points.map((point) => point.y)).toEqual([8, 7, 3])
  })

  it('scales confidence from 0 to 10', () => {
    const chart = evidenceChart(confidenceDrop())
    expect([chart.min, chart.max]).toEqual([0, 10])
  })

  it('draws the drop threshold below the reference', () => {
    expect(evidenceChart(confidenceDrop()).lines).toEqual([{ y: 6, kind: 'threshold', drop: 2, reference: 8 }])
  })

  it('skips check-ins without confidence', () => {
    const signal = confidenceDrop()
    signal.evidence.checkIns.splice(1, 0, checkIn('2026-11-24T10:00:00Z', '2.6', null))
    expect(evidenceChart(signal).points).toHaveLength(3)
  })

  it('plots check-in values of a stalled key result', () => {
    const chart = evidenceChart({ kind: 'stalled_despite_effort', evidence: { checkIns: confidenceDrop().evidence.checkIns } })
    expect(chart.metric).toBe('checkInValue')
    expect(chart.points.map((point) => point.y)).toEqual([2.6, 2.7, 2.9])
  })

  it('spans a KPI corridor and its values', () => {
    const chart = evidenceChart({
      kind: 'kpi_out_of_corridor',
      evidence: { red: '5', green: '8', values: [{ at: '2026-12-01T00:00:00Z', value: '4' }, { at: '2026-12-02T00:00:00Z', value: '3' }] },
    })
    expect(chart.metric).toBe('measuredValue')
    expect(chart.lines.map((line) => line.kind)).toEqual(['red', 'green'])
    expect([chart.min, chart.max]).toEqual([3, 8])
  })

  it('draws the target of a forecast', () => {
    const chart = evidenceChart({
      kind: 'off_track_forecast',
      evidence: { target: '90', values: [{ at: '2026-12-01T00:00:00Z', value: '150' }, { at: '2026-12-02T00:00:00Z', value: '140' }] },
    })
    expect(chart.lines).toEqual([{ y: 90, kind: 'target' }])
  })

  it('pads a flat scale to round numbers', () => {
    const flat = [{ at: '2026-12-01T00:00:00Z', value: '48' }, { at: '2026-12-08T00:00:00Z', value: '48' }]
    const chart = evidenceChart({ kind: 'stalled_despite_effort', evidence: { checkIns: flat } })
    expect(chart.min).toBe(40)
    expect(chart.max).toBe(50)
  })

  it('gives no chart for one point', () => {
    expect(evidenceChart({ kind: 'kpi_anomaly', evidence: { values: [{ at: '2026-12-01T00:00:00Z', value: '1' }] } })).toBeNull()
  })
})

describe('paddedRange', () => {
  it.each([
    [48, [40, 50]],
    [99.58, [90, 100]],
    [40, [39, 41]],
    [0.3, [0.29, 0.31]],
    [0.35, [0.3, 0.4]],
    [-48, [-50, -40]],
    [0, [-1, 1]],
  ])('pads %s', (level, range) => {
    expect(paddedRange(level)).toEqual(range)
  })
})

describe('chartLayout', () => {
  const area = { left: 10, top: 0, width: 100, height: 50 }

  it('places points by time and level', () => {
    const layout = chartLayout(evidenceChart(confidenceDrop()), area)
    expect(layout.dots).toEqual([{ x: 10, y: 10 }, { x: 60, y: 15 }, { x: 110, y: 35 }])
  })

  it('places a reference line on the scale', () => {
    const layout = chartLayout(evidenceChart(confidenceDrop()), area)
    expect(layout.lines[0].svgY).toBe(20)
  })

  it('spreads points of one instant evenly', () => {
    const chart = { points: [{ at: '2026-12-01T00:00:00Z', y: 1 }, { at: '2026-12-01T00:00:00Z', y: 2 }], min: 0, max: 2, lines: [] }
    expect(chartLayout(chart, area).dots.map((dot) => dot.x)).toEqual([10, 110])
  })
})
