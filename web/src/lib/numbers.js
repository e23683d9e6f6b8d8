// Numbers typed by people: English "1,234.5" and German "1.234,5" both mean 1234.5.

/**
 * Parses a decimal typed in either convention. Returns null for an empty text and NaN for a
 * text that is not a number. With both "." and "," present, the one that comes last is the
 * decimal separator; a lone "," is a decimal comma. Spaces (also thin and no-break spaces)
 * are ignored as digit group separators.
 */
export function parseDecimal(text) {
  if (text === null || text === undefined) {
    return null
  }
  if (typeof text === 'number') {
    return Number.isFinite(text) ? text : Number.NaN
  }
  let compact = String(text).replace(/[\s\u00a0\u202f]/g, '')
  if (compact === '') {
    return null
  }
  const lastDot = compact.lastIndexOf('.')
  const lastComma = compact.lastIndexOf(',')
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ','
    const group = decimal === '.' ? ',' : '.'
    compact = compact.split(group).join('').replace(decimal, '.')
  } else if (lastComma !== -1) {
    if (compact.indexOf(',') !== lastComma) {
      return Number.NaN
    }
    compact = compact.replace(',', '.')
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(compact)) {
    return Number.NaN
  }
  return Number(compact)
}

/** Rounds to 4 decimals, the precision the API reports progress and derived values in. */
export function round4(value) {
  return Math.round(value * 10000) / 10000
}

/** Most decimals a derived value is shown with, as many as the API reports progress with. */
const MAX_DERIVED_DECIMALS = 4

/**
 * Returns the decimals a value derived from `measured` values (a forecast from a key result's
 * start, target and current value) is shown with: the most decimals any of them has, at most 4,
 * so a forecast next to 1.66 % and 1.6 % reads "1.58 %". The engine's sentences use the same
 * rule. Missing values are skipped; with none, the result is 0.
 */
export function derivedDecimals(...measured) {
  let max = 0
  for (const value of measured) {
    if (value === null || value === undefined || value === '') {
      continue
    }
    max = Math.max(max, decimalsOf(value))
  }
  return Math.min(MAX_DERIVED_DECIMALS, max)
}

// Decimals of a wire value such as 3.50 or "3.50" after trailing zeros are removed.
function decimalsOf(value) {
  const number = Number(value)
  if (!Number.isFinite(number)) {
    return 0
  }
  const text = String(number)
  const exponent = text.match(/e-(\d+)$/)
  if (exponent) {
    return Number(exponent[1]) + (text.split('e')[0].split('.')[1]?.length ?? 0)
  }
  return text.split('.')[1]?.length ?? 0
}
