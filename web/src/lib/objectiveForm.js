// The objective editor's form and the request body the REST API expects.
import { parseDecimal } from './numbers.js'

/** Encodes an alignment parent for a select: "objective:<id>", "keyResult:<id>" or "". */
export function parentValue(objective) {
  if (objective.parentKeyResultId) {
    return `keyResult:${objective.parentKeyResultId}`
  }
  return objective.parentId ? `objective:${objective.parentId}` : ''
}

/** Decodes a parent select value into the two parent fields, exactly one of them set or neither. */
export function parentFields(value) {
  if (value.startsWith('keyResult:')) {
    return { parentId: null, parentKeyResultId: value.slice('keyResult:'.length) }
  }
  if (value.startsWith('objective:')) {
    return { parentId: value.slice('objective:'.length), parentKeyResultId: null }
  }
  return { parentId: null, parentKeyResultId: null }
}

/**
 * Returns the form's roll-up choice for a stored flag: 'auto' (null: child objectives count while
 * the objective has no key results), 'on' or 'off'.
 */
export function rollupChoice(flag) {
  if (flag === null || flag === undefined) {
    return 'auto'
  }
  return flag ? 'on' : 'off'
}

export function emptyObjectiveForm() {
  return { key: '', title: '', description: '', ownerId: '', parent: '', weight: '1', rollupChildren: 'auto' }
}

export function objectiveFormFrom(objective) {
  return {
    key: objective.key,
    title: objective.title,
    description: objective.description ?? '',
    ownerId: objective.ownerId ?? '',
    parent: parentValue(objective),
    weight: String(objective.weight ?? 1),
    rollupChildren: rollupChoice(objective.rollupChildren),
  }
}

/**
 * Turns the form into the request body; `{unitId, cycleId}` are added on create. Returns
 * `{body, errors}` as keyResultPayload does.
 */
export function objectivePayload(form, { creating, unitId = null, cycleId = null, people = [] }) {
  const errors = {}
  const weight = parseDecimal(form.weight)
  if (Number.isNaN(weight)) {
    errors.weight = 'editor.errors.notANumber'
  }
  const body = {
    title: form.title.trim(),
    description: form.description.trim() === '' ? null : form.description.trim(),
    ownerId: form.ownerId || null,
    ownerName: people.find((person) => person.id === form.ownerId)?.name ?? null,
    ...parentFields(form.parent),
    weight: Number.isNaN(weight) || weight === null ? 1 : weight,
    rollupChildren: { auto: null, on: true, off: false }[form.rollupChildren] ?? null,
  }
  if (body.title === '') {
    errors.title = 'editor.errors.required'
  }
  if (creating) {
    Object.assign(body, { key: form.key.trim(), kind: 'objective', unitId, cycleId })
    if (body.key === '') {
      errors.key = 'editor.errors.required'
    }
  }
  return { body: Object.keys(errors).length === 0 ? body : null, errors }
}

/** Most characters of a key proposed from a title. */
const MAX_PROPOSED_KEY = 60

/**
 * English and German function words (prepositions, articles, conjunctions) that a proposed key
 * does not end on, spelled as keyFromTitle writes them ("für" becomes "fuer").
 */
const TRAILING_FUNCTION_WORDS = new Set([
  'a', 'about', 'across', 'after', 'an', 'and', 'as', 'at', 'before', 'between', 'but', 'by', 'for',
  'from', 'in', 'into', 'nor', 'of', 'on', 'onto', 'or', 'over', 'per', 'than', 'the', 'through',
  'to', 'toward', 'towards', 'under', 'until', 'via', 'vs', 'with', 'within', 'without',
  'als', 'am', 'an', 'ans', 'auf', 'aus', 'bei', 'beim', 'bis', 'das', 'dem', 'den', 'der', 'des',
  'die', 'durch', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines', 'fuer', 'gegen', 'im', 'ins',
  'je', 'mit', 'nach', 'oder', 'ohne', 'pro', 'sowie', 'ueber', 'um', 'und', 'unter', 'vom', 'von',
  'vor', 'zu', 'zum', 'zur',
])

/**
 * Proposes a node key from a title: lower-case ASCII letters and digits joined by "-", as the
 * API's key rule allows ([a-z0-9][a-z0-9._-]*). A longer key is cut after the last whole word
 * that fits in 60 characters, and only a first word longer than that is cut inside. Trailing
 * prepositions, articles and conjunctions are then dropped, but the first word always stays.
 */
export function keyFromTitle(title) {
  const words = withoutStartAndTarget(title)
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  let key = words
  if (key.length > MAX_PROPOSED_KEY) {
    const cut = key.slice(0, MAX_PROPOSED_KEY + 1).lastIndexOf('-')
    key = cut > 0 ? key.slice(0, cut) : key.slice(0, MAX_PROPOSED_KEY)
  }
  return withoutTrailingFunctionWords(key)
}

/**
 * A key lasts while start and target change, so the numbers a title ends with ("… from 14 to 4
 * days", "(from 45 %)", "von 1,2 Mio. € auf …") stay out of it, unless nothing else is left.
 */
const START_AND_TARGET = /\s*\(?\s*\b(?:from|von)\s+(?:[a-z€$£]{1,3}\s?)?[-+]?\d[\s\S]*$/i

function withoutStartAndTarget(title) {
  const rest = title.replace(START_AND_TARGET, '')
  return /[\p{L}\d]/u.test(rest) ? rest : title
}

function withoutTrailingFunctionWords(key) {
  const parts = key.split('-')
  while (parts.length > 1 && TRAILING_FUNCTION_WORDS.has(parts[parts.length - 1])) {
    parts.pop()
  }
  return parts.join('-')
}
