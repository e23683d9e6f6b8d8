// The KPI editor's form: turning a KPI into form values, form values into a request, and
// reading where the server found a formula error.
import { parseDecimal } from './numbers.js'

const NUMBER_FIELDS = ['start', 'target', 'green', 'red']

/** Returns the form values for a KPI, or empty values for a new one. Numbers become text so that an empty field stays empty. */
export function kpiToForm(kpi = null) {
  return {
    key: kpi?.key ?? '',
    title: kpi?.title ?? '',
    description: kpi?.description ?? '',
    unit: kpi?.unit ?? '',
    direction: kpi?.direction ?? 'increase',
    start: numberText(kpi?.start),
    target: numberText(kpi?.target),
    green: numberText(kpi?.green),
    red: numberText(kpi?.red),
    indicator: kpi?.indicator ?? 'lagging',
    expectedEveryHours: numberText(kpi?.expectedEveryHours),
    ownerId: kpi?.ownerId ?? '',
    unitId: kpi?.unitId ?? '',
  }
}

/**
 * Returns the request fields for the form values: empty text becomes null, numbers are parsed
 * (a decimal comma is accepted), and `key` is sent only for a new KPI. Returns {fields, errors},
 * where errors names each field whose text is not a number.
 */
export function formToKpiFields(form, { isNew }) {
  const fields = {
    title: form.title.trim(),
    description: blankToNull(form.description),
    unit: blankToNull(form.unit),
    direction: form.direction,
    indicator: form.indicator,
    ownerId: form.ownerId || null,
    unitId: form.unitId || null,
  }
  if (isNew) {
    fields.key = form.key.trim()
  }
  const errors = {}
  for (const name of [...NUMBER_FIELDS, 'expectedEveryHours']) {
    const parsed = parseNumber(form[name])
    if (parsed === undefined) {
      errors[name] = 'number'
    } else {
      fields[name] = parsed
    }
  }
  return { fields, errors }
}

/**
 * Returns the 1-based position the server names in a formula error ("unknown function 'sqrt'
 * at 5; use min, max, abs or round"), or null when the message names none.
 */
export function formulaErrorPosition(message) {
  const match = /\bat (\d+)(?:;|$)/.exec(message ?? '')
  return match ? Number(match[1]) : null
}

/** Splits a formula around a 1-based position into {before, at, after} for highlighting; past the end, `at` is a space. */
export function splitAtPosition(formula, position) {
  const index = Math.max(0, Math.min(position - 1, formula.length))
  return { before: formula.slice(0, index), at: formula.slice(index, index + 1) || ' ', after: formula.slice(index + 1) }
}

/**
 * Suggests a formula variable name for a driver KPI key: lower case, letters, digits and
 * underscores, starting with a letter or underscore, at most 40 characters.
 */
export function variableFromKey(key) {
  let name = String(key ?? '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')
  if (name === '' || /^[0-9]/.test(name)) {
    name = `k_${name}`
  }
  if (['min', 'max', 'abs', 'round'].includes(name)) {
    name = `${name}_value`
  }
  return name.slice(0, 40)
}

function numberText(value) {
  return value === null || value === undefined ? '' : String(value)
}

function blankToNull(text) {
  const trimmed = (text ?? '').trim()
  return trimmed === '' ? null : trimmed
}

/**
 * Parses a number typed in English or German form (see parseDecimal); empty text is null and
 * anything unreadable is undefined.
 */
export function parseNumber(text) {
  // Exponents are not a way people type KPI figures, and the server reads plain decimals.
  if (/e/i.test(String(text ?? ''))) {
    return undefined
  }
  const value = parseDecimal(text)
  return Number.isNaN(value) ? undefined : value
}
