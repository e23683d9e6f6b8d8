// The small chart in a signal's evidence as pure functions, so that tests can check the drawing
// without a browser. One function chooses what to plot for each signal kind: the metric, its
// scale and the reference lines of the rule. The other places each mark in SVG coordinates.

/** Confidence of a check-in is rated on this scale. */
export const CONFIDENCE_MIN = 0
export const CONFIDENCE_MAX = 10

/**
 * Returns what a signal's chart plots, or null when its evidence has fewer than two points:
 * `{ metric, points: [{ at, y }], min, max, lines: [{ y, kind }] }`, points oldest first. The
 * metric is `confidence`, `checkInValue` or `measuredValue`.
 *
 * A confidence drop plots the confidence (0-10) of its check-ins, with a `threshold` line at the
 * highest earlier confidence (`reference`) minus the `drop` that raises the signal. Other kinds
 * plot the values of their check-ins, or else of their measurements, with the lines their rule
 * uses: the `target` of a forecast, the `red` and `green` thresholds of a KPI corridor and the
 * `centre` (median) of an anomaly. The value scale spans the points and those lines, and is
 * padded to the neighbouring round numbers when every level is the same.
 */
export function evidenceChart(signal) {
  const evidence = signal?.evidence ?? {}
  if (signal?.kind === 'confidence_drop') {
    return confidenceChart(evidence)
  }
  const fromCheckIns = Boolean(evidence.checkIns?.length)
  const points = numericPoints(fromCheckIns ? evidence.checkIns : (evidence.values ?? []), 'value')
  if (points.length < 2) {
    return null
  }
  const lines = []
  addLine(lines, evidence.target, 'target')
  addLine(lines, evidence.red, 'red')
  addLine(lines, evidence.green, 'green')
  addLine(lines, evidence.centre, 'centre')
  const levels = [...points.map((point) => point.y), ...lines.map((line) => line.y)]
  let [min, max] = [Math.min(...levels), Math.max(...levels)]
  if (min === max) {
    [min, max] = paddedRange(min)
  }
  return { metric: fromCheckIns ? 'checkInValue' : 'measuredValue', points, min, max, lines }
}

/**
 * Returns a scale `[min, max]` around a single level: the multiples of its order of magnitude
 * on either side, so 48 gives 40 and 50. A level that is such a multiple itself gets a tenth of
 * that order on either side, so 40 gives 39 and 41. The level 0 gives -1 and 1.
 */
export function paddedRange(level) {
  if (level === 0) {
    return [-1, 1]
  }
  const step = 10 ** Math.floor(Math.log10(Math.abs(level)))
  const min = tidy(Math.floor(tidy(level / step)) * step)
  const max = tidy(Math.ceil(tidy(level / step)) * step)
  if (min !== max) {
    return [min, max]
  }
  return [tidy(level - step / 10), tidy(level + step / 10)]
}

/** Drops the binary rounding noise of a decimal computation, such as 0.30000000000000004. */
function tidy(number) {
  return Number(number.toPrecision(12))
}

function confidenceChart(evidence) {
  const points = numericPoints(evidence.checkIns ?? [], 'confidence')
  if (points.length < 2) {
    return null
  }
  const lines = []
  const reference = Number(evidence.reference?.confidence)
  const threshold = Number(evidence.threshold)
  if (Number.isFinite(reference) && Number.isFinite(threshold)) {
    lines.push({ y: Math.max(CONFIDENCE_MIN, reference - threshold), kind: 'threshold', drop: threshold, reference })
  }
  return { metric: 'confidence', points, min: CONFIDENCE_MIN, max: CONFIDENCE_MAX, lines }
}

function numericPoints(source, field) {
  return source
    .filter((point) => point.at && point[field] !== null && point[field] !== undefined && Number.isFinite(Number(point[field])))
    .map((point) => ({ at: point.at, y: Number(point[field]) }))
}

function addLine(lines, level, kind) {
  if (level !== null && level !== undefined && Number.isFinite(Number(level))) {
    lines.push({ y: Number(level), kind })
  }
}

/**
 * Places a chart from `evidenceChart` in a plot area `{ left, top, width, height }`: returns the
 * polyline `points` text, the `dots` of each point, and each line with its SVG `y`. Points are
 * spaced by time; points at one instant are spread evenly instead. A flat scale puts every mark
 * in the middle.
 */
export function chartLayout(chart, area) {
  const times = chart.points.map((point) => Date.parse(point.at))
  const [first, last] = [Math.min(...times), Math.max(...times)]
  const x = (time, index) => {
    if (last === first) {
      return area.left + (chart.points.length === 1 ? area.width / 2 : (index / (chart.points.length - 1)) * area.width)
    }
    return area.left + ((time - first) / (last - first)) * area.width
  }
  const y = (level) => (chart.max === chart.min
    ? area.top + area.height / 2
    : area.top + area.height - ((level - chart.min) / (chart.max - chart.min)) * area.height)
  const dots = chart.points.map((point, index) => ({ x: round(x(times[index], index)), y: round(y(point.y)) }))
  return {
    points: dots.map((dot) => `${dot.x},${dot.y}`).join(' '),
    dots,
    lines: chart.lines.map((line) => ({ ...line, svgY: round(y(line.y)) })),
  }
}

function round(number) {
  return Math.round(number * 10) / 10
}
