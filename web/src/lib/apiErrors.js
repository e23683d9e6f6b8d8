// Readers of the REST API's error responses: per-field messages and the two kinds of conflict.

import english from '../i18n/en.json'

const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * Formats the params of an error for a message: lists are joined (a loop with arrows), and
 * decimals the server sends as text, such as a start value "12.5", use the reader's separator.
 */
export function formatParams(params, locale, i18n = null) {
  const formatted = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    const label = wordedName(name, i18n)
    if (label) {
      formatted[name] = Array.isArray(value) ? value.map((item) => label(item)).join(', ') : label(value)
    } else if (Array.isArray(value)) {
      formatted[name] = value.join(name === 'loop' ? ' → ' : ', ')
    } else if (locale && (typeof value === 'number' || (typeof value === 'string' && DECIMAL.test(value)))) {
      formatted[name] = new Intl.NumberFormat(locale, { maximumFractionDigits: 20, useGrouping: false }).format(Number(value))
    } else {
      formatted[name] = value
    }
  }
  return formatted
}

// Parameters that carry a wire name (a stage or a node kind) are worded in the reader's language.
const WORDED = { stage: 'links.stage', fromStage: 'links.stage', toStage: 'links.stage', kind: 'links.kind', allowed: 'links.kind', matchKind: 'integrations.matchKind' }

function wordedName(name, i18n) {
  const prefix = WORDED[name]
  if (!prefix || !i18n) {
    return null
  }
  return (value) => (i18n.te(`${prefix}.${value}`) ? i18n.t(`${prefix}.${value}`) : value)
}

// Names a text fills in, such as ["start"]; both languages use the same names.
function placeholders(text) {
  return [...String(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1])
}

// True when the message files word `code` in `group` and `values` has every name the text fills in,
// so an older server that sends the code without its values gets its own message shown instead.
function translatable(group, code, values) {
  const text = english.apiErrors[group][code]
  return typeof text === 'string' && placeholders(text).every((name) => values[name] !== undefined && values[name] !== null)
}

function localeOf(i18n) {
  const locale = i18n?.locale
  return typeof locale === 'object' && locale !== null ? locale.value : locale
}

/**
 * Returns the text for one field error ({field, code, message, params}) in the reader's
 * language: the message file's text for a known code, else the server's English message.
 * `i18n` is what useI18n() returns (t, te and locale); without it the server's message is used.
 */
export function fieldErrorText(entry, i18n) {
  let params = entry?.params ?? {}
  if (entry?.code === 'formula_syntax') {
    // The formula's problem is worded from its own code; an unknown problem keeps the server's message.
    if (!i18n || !translatable('formula', params.problem, params)) {
      return entry?.message ?? ''
    }
    params = { ...params, reason: i18n.t(`apiErrors.formula.${params.problem}`, formatParams(params)) }
  }
  if (i18n && entry?.code && translatable('fields', entry.code, params)) {
    return i18n.t(`apiErrors.fields.${entry.code}`, formatParams(params, localeOf(i18n), i18n))
  }
  return entry?.message ?? ''
}

/**
 * Returns the messages per field name ({title: "...", "milestones[0].title": "..."}), the first
 * error of each field, worded by fieldErrorText.
 */
export function fieldMessages(error, i18n) {
  const messages = {}
  for (const entry of error?.fields ?? []) {
    if (entry?.field && messages[entry.field] === undefined) {
      messages[entry.field] = fieldErrorText(entry, i18n)
    }
  }
  return messages
}

/**
 * Returns the texts of the field errors whose field is not in `shown`, as "field: text" joined by
 * spaces, or null when every invalid field is shown. A form shows them in its banner, so an error
 * on a field the form does not edit is not lost.
 */
export function unshownFieldsText(error, shown, i18n) {
  const texts = Object.entries(fieldMessages(error, i18n))
    .filter(([field]) => !shown.includes(field))
    .map(([field, text]) => `${field}: ${text}`)
  return texts.length === 0 ? null : texts.join(' ')
}

/**
 * Returns the text for a failed request as a whole (an ApiError), for a banner. A known code gets
 * the message file's text, filled from the error's details and message. A validation failure
 * names its one field or counts its fields. A code the web does not know, or one whose details
 * are missing, returns null, so the caller shows the server's message.
 */
export function requestErrorText(error, i18n) {
  const locale = localeOf(i18n)
  const fields = error?.fields ?? []
  if (error?.code === 'validation_failed' && fields.length === 1) {
    return i18n.t('apiErrors.codes.oneField', { field: fields[0].field, message: fieldErrorText(fields[0], i18n) })
  }
  if (error?.code === 'validation_failed' && fields.length > 1) {
    return i18n.t('apiErrors.codes.validation_failed', { count: fields.length })
  }
  const values = { ...(error?.details ?? {}), message: error?.message }
  if (error?.code && error.code !== 'validation_failed' && translatable('codes', error.code, values)) {
    return i18n.t(`apiErrors.codes.${error.code}`, formatParams(values, locale))
  }
  return null
}

/** True for 409 `stale_version`: another person saved the entity after this person read it. */
export function isStaleVersion(error) {
  return error?.status === 409 && error.code === 'stale_version'
}

/**
 * Returns {current, currentVersion} from a 409 `stale_version`: the entity as stored now and its
 * version, for showing next to the person's values. Returns null for any other error.
 */
export function staleConflict(error) {
  if (!isStaleVersion(error)) {
    return null
  }
  return { current: error.details?.current ?? {}, currentVersion: error.details?.currentVersion ?? null }
}

/** True for 409 `alignment_loop`: the change would make a node its own ancestor. */
export function isAlignmentLoop(error) {
  return error?.status === 409 && error.code === 'alignment_loop'
}

/** Returns the keys of an alignment loop in order, closed by repeating the first key. */
export function loopPath(error) {
  const loop = Array.isArray(error?.details?.loop) ? error.details.loop : []
  if (loop.length === 0) {
    return []
  }
  return loop[0] === loop.at(-1) && loop.length > 1 ? loop : [...loop, loop[0]]
}
