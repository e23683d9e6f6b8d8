// KPI corridors, dated targets and sensitivity wording.

/**
 * Returns where a value lies in a KPI's corridor: 'green', 'amber' or 'red', or null without a
 * value or corridor. For an increasing KPI green is at or above `green` and red at or below
 * `red`; for a decreasing KPI the other way round. Amber lies between.
 */
export function corridorZone({ current, green, red, direction }) {
  if (current === null || current === undefined || green === null || green === undefined || red === null || red === undefined) {
    return null
  }
  const decreasing = direction === 'decrease'
  if (decreasing ? current <= green : current >= green) {
    return 'green'
  }
  if (decreasing ? current >= red : current <= red) {
    return 'red'
  }
  return 'amber'
}

/** Maps a corridor zone to the goal status a KPI shows: green on_track, amber at_risk, red off_track. */
export function corridorStatus(zone) {
  return { green: 'on_track', amber: 'at_risk', red: 'off_track' }[zone] ?? 'pending'
}

/**
 * Returns the i18n key that names a KPI's corridor state: the status's own label, or for a pending
 * KPI whether the value or the corridor is missing.
 */
export function kpiStateKey({ status, current, green, red }) {
  if (status !== 'pending') {
    return `kpi.state.${status}`
  }
  if (current === null || current === undefined) {
    return 'kpi.state.noValue'
  }
  return green === null || green === undefined || red === null || red === undefined ? 'kpi.state.noCorridor' : 'kpi.state.pending'
}

/**
 * Returns the target in force on `today` (an ISO date): the first dated target due on or after
 * today, else the last dated target, else the KPI's plain target as {due: null, value}, else null.
 */
export function targetInForce(kpi, today) {
  const targets = [...(kpi.targets ?? [])].sort((left, right) => left.due.localeCompare(right.due))
  const upcoming = targets.find((target) => target.due >= today)
  if (upcoming) {
    return upcoming
  }
  if (targets.length > 0) {
    return targets.at(-1)
  }
  return kpi.target === null || kpi.target === undefined ? null : { due: null, value: kpi.target }
}

/**
 * Lays out a horizontal corridor bar: the share (0-100) of the red, amber and green bands and
 * the position of the current value. The scale contains both thresholds and the value, with a
 * margin of a quarter of the amber band on each side. Returns null without a corridor.
 */
export function corridorLayout({ current, green, red, direction }) {
  if (green === null || green === undefined || red === null || red === undefined) {
    return null
  }
  const amber = Math.abs(green - red) || 1
  const values = [green, red, ...(current === null || current === undefined ? [] : [current])]
  const low = Math.min(...values) - amber / 4
  const high = Math.max(...values) + amber / 4
  const at = (value) => ((value - low) / (high - low)) * 100
  const decreasing = direction === 'decrease'
  const lowEdge = Math.min(green, red)
  const highEdge = Math.max(green, red)
  const bands = [
    { zone: decreasing ? 'green' : 'red', from: 0, to: at(lowEdge) },
    { zone: 'amber', from: at(lowEdge), to: at(highEdge) },
    { zone: decreasing ? 'red' : 'green', from: at(highEdge), to: 100 },
  ]
  return {
    bands: bands.map((band) => ({ ...band, from: round1(band.from), to: round1(band.to) })),
    marker: current === null || current === undefined ? null : round1(at(current)),
  }
}

/** True when the KPI's last value is older than its expected update frequency. */
export function isOverdue(kpi, nowMs) {
  if (!kpi.expectedEveryHours || !kpi.currentAt) {
    return false
  }
  return nowMs - Date.parse(kpi.currentAt) > kpi.expectedEveryHours * 3_600_000
}

function round1(value) {
  return Math.round(value * 10) / 10
}
