// The key result editor's form: its fields per measurement kind, the commit and stretch levels
// with their zones, and the request body the REST API expects.
import { derivedDecimals, parseDecimal, round4 } from './numbers.js'
import { isNonNegativeUnit } from './unitsOfMeasure.js'

export const MEASUREMENTS = ['increase', 'decrease', 'range', 'milestone', 'binary', 'kpi', 'work_items']

// Value fields per measurement kind. The server rejects the fields of other kinds.
const METRIC_FIELDS = ['start', 'target', 'commit', 'stretch']
const FIELDS_BY_MEASUREMENT = {
  increase: METRIC_FIELDS,
  decrease: METRIC_FIELDS,
  kpi: METRIC_FIELDS,
  range: ['low', 'high', 'tolerance'],
  milestone: [],
  binary: [],
  work_items: [],
}
const ALL_VALUE_FIELDS = ['start', 'target', 'commit', 'stretch', 'low', 'high', 'tolerance']
const REQUIRED_VALUE_FIELDS = { increase: ['start', 'target'], decrease: ['start', 'target'], kpi: ['start', 'target'], range: ['low', 'high'] }

/** True for the kinds measured against start and target, which have commit and stretch levels. */
export function isMetric(measurement) {
  return measurement === 'increase' || measurement === 'decrease' || measurement === 'kpi'
}

/** Returns the value fields (start, target, ...) that a measurement kind uses. */
export function valueFieldsOf(measurement) {
  return FIELDS_BY_MEASUREMENT[measurement] ?? []
}

/** Returns an empty form for a new key result of an objective. */
export function emptyKeyResultForm(objectiveId) {
  return {
    key: '',
    objectiveId,
    title: '',
    description: '',
    measurement: 'increase',
    ownerId: '',
    weight: '1',
    start: '',
    target: '',
    commit: '',
    stretch: '',
    low: '',
    high: '',
    tolerance: '',
    unit: '',
    kpiId: '',
    workFrom: [],
    milestones: [],
  }
}

/** Returns the form for editing an existing key result. */
export function keyResultFormFrom(keyResult) {
  const text = (value) => (value === null || value === undefined ? '' : String(value))
  return {
    key: keyResult.key,
    objectiveId: keyResult.objectiveId,
    title: keyResult.title,
    description: keyResult.description ?? '',
    measurement: keyResult.measurement,
    ownerId: keyResult.ownerId ?? '',
    weight: text(keyResult.weight ?? 1),
    start: text(keyResult.start),
    target: text(keyResult.target),
    commit: text(keyResult.commit),
    stretch: text(keyResult.stretch),
    low: text(keyResult.low),
    high: text(keyResult.high),
    tolerance: text(keyResult.tolerance),
    unit: keyResult.unit ?? '',
    kpiId: keyResult.kpiId ?? '',
    workFrom: [...(keyResult.workFrom ?? [])],
    milestones: (keyResult.milestones ?? []).map((milestone) => ({
      title: milestone.title,
      weight: text(milestone.weight ?? 1),
      done: Boolean(milestone.done),
    })),
  }
}

/**
 * Turns the form into the request body. Returns `{body, errors}`: errors maps a field name to a
 * message key for numbers that do not parse and required fields left empty, and body is null
 * while there are errors. On create, fields of other measurement kinds are left out; on update
 * they are sent as null so that switching the kind clears them. With `initiatives` (the live ones
 * offered), followed initiatives that are no longer among them, such as archived ones, are left out.
 */
export function keyResultPayload(form, { creating, people = [], initiatives = null }) {
  const errors = {}
  const body = {
    title: form.title.trim(),
    description: form.description.trim() === '' ? null : form.description.trim(),
    measurement: form.measurement,
    ownerId: form.ownerId || null,
    ownerName: people.find((person) => person.id === form.ownerId)?.name ?? null,
    weight: numberField(form, 'weight', errors) ?? 1,
    unit: form.unit.trim() === '' ? null : form.unit.trim(),
  }
  if (body.title === '') {
    errors.title = 'editor.errors.required'
  }
  body.objectiveId = form.objectiveId
  if (creating) {
    body.key = form.key.trim()
    if (body.key === '') {
      errors.key = 'editor.errors.required'
    }
  }

  const used = valueFieldsOf(form.measurement)
  for (const field of ALL_VALUE_FIELDS) {
    if (used.includes(field)) {
      body[field] = numberField(form, field, errors)
    } else if (!creating) {
      body[field] = null
    }
  }
  for (const field of REQUIRED_VALUE_FIELDS[form.measurement] ?? []) {
    if (body[field] === null && errors[field] === undefined) {
      errors[field] = 'editor.errors.required'
    }
  }

  if (form.measurement === 'kpi') {
    body.kpiId = form.kpiId || null
    if (!body.kpiId) {
      errors.kpiId = 'editor.errors.required'
    }
  } else if (!creating) {
    body.kpiId = null
  }

  // Initiatives whose work a work_items key result follows, by id.
  if (form.measurement === 'work_items') {
    const live = initiatives === null ? null : new Set(initiatives.map((initiative) => initiative.id))
    body.workFrom = form.workFrom.filter((id) => live === null || live.has(id))
  } else if (!creating) {
    body.workFrom = []
  }

  if (form.measurement === 'milestone') {
    body.milestones = form.milestones.map((milestone, index) => ({
      title: milestone.title.trim(),
      weight: numberField(milestone, 'weight', errors, `milestones[${index}].weight`) ?? 1,
      done: Boolean(milestone.done),
    }))
    body.milestones.forEach((milestone, index) => {
      if (milestone.title === '') {
        errors[`milestones[${index}].title`] = 'editor.errors.required'
      }
    })
    if (body.milestones.length === 0) {
      errors.milestones = 'editor.errors.noMilestones'
    }
  } else if (!creating) {
    body.milestones = []
  }

  return { body: Object.keys(errors).length === 0 ? body : null, errors }
}

function numberField(source, field, errors, errorField = field) {
  const value = parseDecimal(source[field])
  if (Number.isNaN(value)) {
    errors[errorField] = 'editor.errors.notANumber'
    return null
  }
  return value
}

/**
 * Returns the commit and stretch levels in effect for a metric key result, from numbers:
 * the set ones, else the defaults commit = start + 3/7 (target - start) and stretch = start +
 * 10/7 (target - start), so that commit is 30 % and target 70 % of the way to stretch.
 * Returns null without both start and target.
 */
export function effectiveLevels({ start, target, commit = null, stretch = null }) {
  if (start === null || target === null || Number.isNaN(start) || Number.isNaN(target)) {
    return null
  }
  const span = target - start
  return {
    start,
    target,
    commit: commit ?? round4(start + (3 / 7) * span),
    stretch: stretch ?? round4(start + (10 / 7) * span),
    commitDefault: commit === null,
    stretchDefault: stretch === null,
  }
}

/**
 * Returns the levels in effect for a key result node of a board, as `effectiveLevels`
 * returns them. The node carries its effective commit and stretch levels but not whether they
 * were set, so a level within 0.0001 of its default counts as the default. Returns null when the
 * node has no start, target or commit level.
 */
export function nodeLevels(node) {
  if ([node.start, node.target, node.commit, node.stretch].some((value) => value === null || value === undefined)) {
    return null
  }
  const defaults = effectiveLevels({ start: Number(node.start), target: Number(node.target) })
  if (defaults === null) {
    return null
  }
  const isDefault = (level, fallback) => Math.abs(Number(level) - fallback) < 0.0001
  return effectiveLevels({
    start: defaults.start,
    target: defaults.target,
    commit: isDefault(node.commit, defaults.commit) ? null : Number(node.commit),
    stretch: isDefault(node.stretch, defaults.stretch) ? null : Number(node.stretch),
  })
}

/**
 * Returns the zones from start to beyond stretch, in the key result's direction. Each band names
 * the levels it runs between (`fromLevel`, `toLevel`), so that a default level can be formatted
 * as a derived value.
 */
export function zoneBands(levels) {
  if (levels === null) {
    return []
  }
  return [
    { zone: 'fail', from: levels.start, to: levels.commit, fromLevel: 'start', toLevel: 'commit' },
    { zone: 'commit', from: levels.commit, to: levels.target, fromLevel: 'commit', toLevel: 'target' },
    { zone: 'target', from: levels.target, to: levels.stretch, fromLevel: 'target', toLevel: 'stretch' },
    { zone: 'stretch', from: levels.stretch, to: null, fromLevel: 'stretch', toLevel: null },
  ]
}

/**
 * Returns the texts of `levels` as the zone preview and the key result card show them, formatted
 * by `format` (`valueText`, `estimateText`). Typed levels read as measured values. Default commit
 * and stretch levels are derived, so they get the decimals of the typed levels, as forecasts do,
 * and `estimateText` drops trailing zeros: with start 4.6 and target 3.9 the default commit reads
 * "4.3", not "4.34". Where every typed level is a whole number (a count), the defaults are whole
 * numbers too. They keep one decimal when the range is too small for whole levels that are
 * distinct and in order. A default level that `unreachableDefaults` lists has the text null,
 * because no value in `unit` reaches it.
 */
export function levelTexts(levels, unit, format) {
  const { decimals, displayed } = shownDefaults(levels)
  const derived = (value, isDefault) => (isDefault ? format.estimateText(value, unit, decimals) : format.valueText(value, unit))
  const texts = {
    start: format.valueText(displayed.start, unit),
    target: format.valueText(displayed.target, unit),
    commit: derived(displayed.commit, displayed.commitDefault),
    stretch: derived(displayed.stretch, displayed.stretchDefault),
  }
  for (const { level } of unreachableDefaults(levels, unit)) {
    texts[level] = null
  }
  return texts
}

/**
 * Returns the lowest value a key result can measure: 0 when its unit cannot fall below zero
 * (`isNonNegativeUnit`: counts, durations, percentages, money) and neither start nor target is
 * negative, else null.
 */
export function lowerBound(levels, unit) {
  if (levels === null || !isNonNegativeUnit(unit) || levels.start < 0 || levels.target < 0) {
    return null
  }
  return 0
}

/**
 * Returns the default commit and stretch levels of `levels` below `lowerBound`, which no measured
 * value can reach, as `[{ level, value, bound }]`. A decrease towards a small target has one: a
 * lead time from 14 to 4 days gets the default stretch level 14 + 10/7 (4 - 14) = -0.29 days.
 * Levels a person typed are not listed.
 */
export function unreachableDefaults(levels, unit) {
  const bound = lowerBound(levels, unit)
  if (bound === null) {
    return []
  }
  return ['commit', 'stretch']
    .filter((level) => levels[`${level}Default`] && levels[level] < bound)
    .map((level) => ({ level, value: levels[level], bound }))
}

/**
 * Returns the text of a default level `value` of `levels` in `unit`, with the decimals
 * `levelTexts` gives default levels before any rounding to whole numbers: those of the typed
 * levels, and one for whole typed levels, so a default stretch of -0.2857 days reads "-0.3 days".
 */
export function defaultLevelText(levels, value, unit, format) {
  return format.estimateText(value, unit, Math.max(1, typedDecimals(levels)))
}

/**
 * Returns true when `levelTexts` shows a default commit or stretch level of `levels` rounded to a
 * whole number, so the editor can mention the rounding.
 */
export function roundsDefaultsToWhole(levels) {
  return Boolean(levels.commitDefault || levels.stretchDefault) && typedDecimals(levels) === 0 && wholeLevels(levels) !== null
}

/** Returns the most decimals among the typed levels of `levels`, the decimals of default levels. */
function typedDecimals(levels) {
  const typedCommit = levels.commitDefault ? null : levels.commit
  const typedStretch = levels.stretchDefault ? null : levels.stretch
  return derivedDecimals(levels.start, levels.target, typedCommit, typedStretch)
}

/**
 * Returns the decimals of default levels and the levels to show. Whole typed levels get whole
 * defaults (`wholeLevels`), or one decimal when whole defaults would not be distinct and in order.
 */
function shownDefaults(levels) {
  const decimals = typedDecimals(levels)
  if (decimals > 0) {
    return { decimals, displayed: levels }
  }
  const whole = wholeLevels(levels)
  return whole === null ? { decimals: 1, displayed: levels } : { decimals: 0, displayed: whole }
}

/**
 * Returns `levels` with the default commit and stretch moved to the next whole number towards
 * and beyond the target. A whole count reaches a zone exactly at that number: with start 1 and
 * target 3, the commit level 1.857 is first met by a count of 2. Returns null when the whole
 * levels would not run strictly from start through commit and target to stretch.
 */
function wholeLevels(levels) {
  const direction = Math.sign(levels.target - levels.start)
  if (direction === 0) {
    return null
  }
  // Adding 0 turns the -0 that Math.ceil returns for values between -1 and 0 into 0, which
  // would otherwise be shown as "-0".
  const towardsTarget = (value) => (direction > 0 ? Math.ceil(value) : Math.floor(value)) + 0
  const whole = {
    ...levels,
    commit: levels.commitDefault ? towardsTarget(levels.commit) : levels.commit,
    stretch: levels.stretchDefault ? towardsTarget(levels.stretch) : levels.stretch,
  }
  const order = [whole.start, whole.commit, whole.target, whole.stretch]
  const ascending = order.every((level, index) => index === 0 || direction * (level - order[index - 1]) > 0)
  return ascending ? whole : null
}

/**
 * Returns `title` with the number `previous` replaced by `next`, so a drafted title such as
 * "Raise revenue from 80 to 120 kEUR" follows the start and target a person types. The number
 * is matched whole ("1" never matches inside "120") and written with either decimal separator.
 * It is replaced only when the title contains it exactly once and `next` is a number; otherwise the
 * title is returned unchanged.
 */
export function titleWithNumber(title, previous, next) {
  const number = /^-?\d+(?:[.,]\d+)?$/
  if (!title || !number.test(previous ?? '') || !number.test(next ?? '')) {
    return title
  }
  const escaped = previous.replace(/[.,]/, '[.,]')
  const whole = new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`, 'g')
  const found = title.match(whole)
  if (!found || found.length !== 1) {
    return title
  }
  // The title keeps the decimal separator it was written with.
  const separator = found[0].includes(',') ? ',' : '.'
  return title.replace(whole, next.replace(/[.,]/, separator))
}

/**
 * Returns whether an edit form still shows the stored example numbers of `keyResult`. That holds
 * when the key result was saved with `exampleNumbers`, its measurement is metric, and the form's
 * start and target equal the stored ones as numbers ("1,0" equals 1), as the server compares them.
 */
export function showsStoredExampleNumbers(keyResult, form) {
  if (keyResult?.exampleNumbers !== true || !isMetric(form.measurement)) {
    return false
  }
  const same = (typed, stored) => {
    const value = parseDecimal(typed)
    return value !== null && !Number.isNaN(value) && value === parseDecimal(stored)
  }
  return same(form.start, keyResult.start) && same(form.target, keyResult.target)
}

/**
 * Returns the `exampleNumbers` field a save sends, or undefined to leave it out: true when a new
 * key result keeps drafted example numbers, false when the person confirms stored example numbers
 * as their own. Without the field the server keeps the mark while start and target are unchanged
 * and clears it when either changes.
 */
export function exampleNumbersField({ creating, keptExampleFields, showsStored, ownNumbersConfirmed }) {
  if (creating) {
    return keptExampleFields > 0 ? true : undefined
  }
  return showsStored && ownNumbersConfirmed ? false : undefined
}
