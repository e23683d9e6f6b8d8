// The signal thresholds of the organisation settings and the checks PATCH /api/v1/settings applies to them.

import { parseNumber } from './kpiForm.js'

/** The thresholds in the order the form shows them, with the ranges the server accepts. */
export const SIGNAL_FIELDS = [
  { name: 'signalStallCheckIns', min: 2, max: 20, decimals: 0 },
  { name: 'signalConfidenceDrop', min: 1, max: 10, decimals: 0 },
  { name: 'signalAnomalyZ', min: 2, max: 10, decimals: 2 },
  { name: 'signalCheckInGraceDays', min: 0, max: 30, decimals: 0 },
]

/** Returns the number in a threshold field (typed with a decimal point or comma), or undefined when it contains none. */
export function signalValue(value) {
  const parsed = parseNumber(value === null || value === undefined ? '' : String(value))
  return parsed === null ? undefined : parsed
}

function decimalsOf(value) {
  const text = String(value)
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0
}

/**
 * Checks one threshold as the server does and returns the field error it would send
 * ({field, code, params}), or null when the value is valid. Whole-number thresholds get
 * `whole_number_range`, the anomaly cut-off `not_number` or `decimal_range`.
 */
export function checkSignalField(field, raw) {
  const value = signalValue(raw)
  if (field.decimals === 0) {
    return value !== undefined && Number.isInteger(value) && value >= field.min && value <= field.max
      ? null
      : { field: field.name, code: 'whole_number_range', params: { min: field.min, max: field.max } }
  }
  if (value === undefined) {
    return { field: field.name, code: 'not_number', params: {} }
  }
  // Rounding first keeps binary noise such as 3.3000000000000003 from counting as a third decimal.
  const places = decimalsOf(Number(value.toFixed(10)))
  return value >= field.min && value <= field.max && places <= field.decimals
    ? null
    : { field: field.name, code: 'decimal_range', params: { min: field.min, max: field.max, decimals: field.decimals } }
}

/** Returns the field errors of every invalid threshold in `form`, in the server's format. */
export function checkSignalSettings(form) {
  return SIGNAL_FIELDS.map((field) => checkSignalField(field, form[field.name])).filter((error) => error !== null)
}
