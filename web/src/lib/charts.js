// ECharts options of the key result history chart and the KPI sparkline, as pure functions of
// the data, so that tests can check what is drawn without a browser.
import { STATUS_COLOURS } from './status.js'

const VALUE_COLOUR = '#2f4fb5'
const CONFIDENCE_COLOUR = '#8a5a00'

/**
 * Returns the boundaries between cycles in a history that crosses carried-over cycles: one per
 * cycle after the first, at that cycle's start (or at its first point when the cycle is not
 * known or starts after that point), labelled with the cycle's name.
 */
export function cycleBoundaries(points, cycles) {
  const byId = new Map(cycles.map((cycle) => [cycle.id, cycle]))
  const boundaries = []
  let previous = null
  for (const point of points) {
    if (!point.cycleId || point.cycleId === previous) {
      continue
    }
    if (previous !== null) {
      const cycle = byId.get(point.cycleId)
      const start = cycle ? `${cycle.start}T00:00:00Z` : point.at
      // Carried over before the target cycle begins, the history enters it at the first point, not
      // at a start date beyond the chart's last value.
      const at = Date.parse(start) > Date.parse(point.at) ? point.at : start
      boundaries.push({ at, label: cycle?.name ?? point.cycleId })
    }
    previous = point.cycleId
  }
  return boundaries
}

/**
 * Builds the history chart: the value on the left axis with the target as a line, confidence
 * (0-10) as a step line on the right axis, and a vertical line at each cycle boundary.
 * `labels` contains the translated series names {value, confidence, target}; `formatNumber`
 * writes the axis and target numbers in the person's language.
 */
export function historyChartOption({ points, target = null, baseline = null, unit = null, boundaries = [], labels, formatNumber = String }) {
  const values = points.filter((point) => point.value !== null).map((point) => [point.at, point.value])
  const confidences = points.filter((point) => point.confidence !== null).map((point) => [point.at, point.confidence])
  const markLines = []
  if (target !== null) {
    markLines.push({ yAxis: target, name: labels.target, label: { formatter: `${labels.target} ${formatNumber(target)}`, position: 'insideEndTop' }, lineStyle: { color: STATUS_COLOURS.on_track.fill, type: 'dashed' } })
  }
  for (const boundary of boundaries) {
    markLines.push({ xAxis: boundary.at, name: boundary.label, label: { formatter: boundary.label, position: 'insideEndTop' }, lineStyle: { color: '#555d69', type: 'dotted' } })
  }
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.value, labels.confidence], bottom: 0 },
    grid: { left: 56, right: 48, top: 28, bottom: 48 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: [
      {
        type: 'value',
        name: unit ?? '',
        scale: true,
        min: (extent) => lowerBound(extent, [target, baseline]),
        max: (extent) => upperBound(extent, [target, baseline]),
        axisLabel: { formatter: (value) => formatNumber(value) },
      },
      { type: 'value', name: labels.confidence, min: 0, max: 10, interval: 2, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.value,
        type: 'line',
        yAxisIndex: 0,
        data: values,
        showSymbol: true,
        itemStyle: { color: VALUE_COLOUR },
        markLine: { symbol: 'none', silent: true, data: markLines },
      },
      {
        name: labels.confidence,
        type: 'line',
        yAxisIndex: 1,
        step: 'end',
        data: confidences,
        itemStyle: { color: CONFIDENCE_COLOUR },
        lineStyle: { type: 'dashed' },
      },
    ],
  }
}

// The value axis always spans the baseline (the key result's start) and the target, so the way
// still to go is visible even when the values are far from the target or few.
function lowerBound(extent, levels) {
  return Math.min(extent.min, ...levels.filter((level) => level !== null))
}

function upperBound(extent, levels) {
  return Math.max(extent.max, ...levels.filter((level) => level !== null))
}

/** Builds a small line of a KPI's values with its green and red thresholds as lines. */
export function sparklineOption({ points, green = null, red = null }) {
  const markLines = []
  if (green !== null) {
    markLines.push({ yAxis: green, lineStyle: { color: STATUS_COLOURS.on_track.fill } })
  }
  if (red !== null) {
    markLines.push({ yAxis: red, lineStyle: { color: STATUS_COLOURS.off_track.fill } })
  }
  return {
    animation: false,
    grid: { left: 4, right: 4, top: 6, bottom: 6 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: points.filter((point) => point.value !== null).map((point) => [point.at, point.value]),
        // A single value has no line to draw, so it shows as a point.
        showSymbol: points.filter((point) => point.value !== null).length === 1,
        smooth: false,
        itemStyle: { color: VALUE_COLOUR },
        areaStyle: { opacity: 0.12 },
        markLine: { symbol: 'none', silent: true, label: { show: false }, lineStyle: { type: 'dashed' }, data: markLines },
      },
    ],
  }
}
