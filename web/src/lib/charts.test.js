import { describe, expect, it } from 'vitest'
import { cycleBoundaries, historyChartOption, sparklineOption } from './charts.js'

const LABELS = { value: 'Value', confidence: 'Confidence', target: 'Target' }
const CYCLES = [
  { id: 'q3', name: 'Q3 2026', start: '2026-07-01' },
  { id: 'q4', name: 'Q4 2026', start: '2026-10-01' },
]

describe('cycleBoundaries', () => {
  it('marks the start of each later cycle', () => {
    const points = [
      { at: '2026-08-01T00:00:00Z', cycleId: 'q3' },
      { at: '2026-09-01T00:00:00Z', cycleId: 'q3' },
      { at: '2026-10-05T00:00:00Z', cycleId: 'q4' },
    ]
    expect(cycleBoundaries(points, CYCLES)).toEqual([{ at: '2026-10-01T00:00:00Z', label: 'Q4 2026' }])
  })

  it('marks a carry-over into a cycle that starts later at its first point', () => {
    const points = [
      { at: '2026-08-01T00:00:00Z', cycleId: 'q3' },
      { at: '2026-09-15T12:00:00Z', cycleId: 'q4' },
    ]
    expect(cycleBoundaries(points, CYCLES)).toEqual([{ at: '2026-09-15T12:00:00Z', label: 'Q4 2026' }])
  })

  it('is empty within one cycle', () => {
    expect(cycleBoundaries([{ at: 'x', cycleId: 'q4' }, { at: 'y', cycleId: 'q4' }], CYCLES)).toEqual([])
  })

  it('uses the first point of an unknown cycle', () => {
    const points = [{ at: 'a', cycleId: 'q4' }, { at: 'b', cycleId: 'q1-2027' }]
    expect(cycleBoundaries(points, CYCLES)).toEqual([{ at: 'b', label: 'q1-2027' }])
  })
})

describe('historyChartOption', () => {
  const points = [
    { at: '2026-10-10T00:00:00Z', value: 2.3, confidence: 7 },
    { at: '2026-10-17T00:00:00Z', value: null, confidence: 5 },
    { at: '2026-10-24T00:00:00Z', value: 2.8, confidence: null },
  ]

  it('puts values on the left axis and confidence on the right', () => {
    const option = historyChartOption({ points, target: 3.5, unit: '%', labels: LABELS })
    expect(option.series[0]).toMatchObject({ yAxisIndex: 0, data: [['2026-10-10T00:00:00Z', 2.3], ['2026-10-24T00:00:00Z', 2.8]] })
    expect(option.series[1]).toMatchObject({ yAxisIndex: 1, step: 'end', data: [['2026-10-10T00:00:00Z', 7], ['2026-10-17T00:00:00Z', 5]] })
    expect(option.yAxis[1]).toMatchObject({ min: 0, max: 10 })
    expect(option.yAxis[0].name).toBe('%')
  })

  it('draws the target and cycle boundaries as lines', () => {
    const boundaries = [{ at: '2026-10-01T00:00:00Z', label: 'Q4 2026' }]
    const lines = historyChartOption({ points, target: 3.5, boundaries, labels: LABELS }).series[0].markLine.data
    expect(lines.map((line) => line.yAxis ?? line.xAxis)).toEqual([3.5, '2026-10-01T00:00:00Z'])
    expect(lines[1].name).toBe('Q4 2026')
  })

  it('stretches the value axis to the target', () => {
    const axis = historyChartOption({ points, target: 3.5, labels: LABELS }).yAxis[0]
    expect(axis.max({ min: 2.3, max: 2.8 })).toBe(3.5)
    expect(axis.min({ min: 2.3, max: 2.8 })).toBe(2.3)
  })

  it('stretches the value axis down to the baseline', () => {
    const axis = historyChartOption({ points: [points[0]], target: 3.5, baseline: 0, labels: LABELS }).yAxis[0]
    expect(axis.min({ min: 2.3, max: 2.3 })).toBe(0)
    expect(axis.max({ min: 2.3, max: 2.3 })).toBe(3.5)
  })

  it('stretches the value axis down to a lower target', () => {
    const axis = historyChartOption({ points, target: 1.5, labels: LABELS }).yAxis[0]
    expect(axis.min({ min: 2.3, max: 2.8 })).toBe(1.5)
  })

  it('writes numbers in the person’s language', () => {
    const formatNumber = (value) => String(value).replace('.', ',')
    const option = historyChartOption({ points, target: 3.5, labels: LABELS, formatNumber })
    expect(option.yAxis[0].axisLabel.formatter(2.5)).toBe('2,5')
    expect(option.series[0].markLine.data[0].label.formatter).toBe('Target 3,5')
  })

  it('draws no target line without a target', () => {
    expect(historyChartOption({ points, labels: LABELS }).series[0].markLine.data).toEqual([])
  })
})

describe('sparklineOption', () => {
  it('draws the values and both thresholds', () => {
    const option = sparklineOption({ points: [{ at: 'a', value: 1 }, { at: 'b', value: null }], green: 5, red: 2 })
    expect(option.series[0].data).toEqual([['a', 1]])
    expect(option.series[0].markLine.data.map((line) => line.yAxis)).toEqual([5, 2])
  })
})
