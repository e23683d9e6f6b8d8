// Percentages from 4-decimal progress values, with integer arithmetic only: the server rounds
// progress half up to 4 decimals, and a percentage is progress x 100 rounded half up to 1 decimal.

/**
 * Converts a 4-decimal progress value (such as 0.6429) to tenths of a percent (643).
 * Rounds half up, meaning away from zero, like Java's RoundingMode.HALF_UP.
 * Returns null for a missing value.
 */
export function percentTenths(progress) {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) {
    return null
  }
  // Math.round only removes the binary floating-point error: 0.6429 * 10000 is 6428.999...
  const tenThousandths = Math.round(progress * 10000)
  const magnitude = Math.floor((Math.abs(tenThousandths) + 5) / 10)
  return tenThousandths < 0 ? -magnitude : magnitude
}

/** Formats tenths of a percent as a decimal string with one decimal: 643 -> "64.3". */
export function formatTenths(tenths, decimalSeparator = '.') {
  const sign = tenths < 0 ? '-' : ''
  const magnitude = Math.abs(tenths)
  const whole = Math.floor(magnitude / 10)
  const fraction = magnitude % 10
  return `${sign}${whole}${decimalSeparator}${fraction}`
}

/** Formats a progress value as a percentage without the % sign: 0.6429 -> "64.3"; null -> null. */
export function formatPercent(progress, decimalSeparator = '.') {
  const tenths = percentTenths(progress)
  return tenths === null ? null : formatTenths(tenths, decimalSeparator)
}

/**
 * Returns the CSS width of a progress bar fill, such as "64.3%", clamped to 0-100 %.
 * The fill always uses a dot, because CSS lengths do not follow the locale.
 */
export function barWidth(progress) {
  const tenths = percentTenths(progress) ?? 0
  const clamped = Math.min(1000, Math.max(0, tenths))
  return `${formatTenths(clamped)}%`
}

/** Tells whether a raw (unclamped) progress shows over-achievement, meaning above 100.0 %. */
export function isOverAchieved(raw) {
  const tenths = percentTenths(raw)
  return tenths !== null && tenths > 1000
}
