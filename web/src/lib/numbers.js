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
