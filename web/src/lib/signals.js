// Pure rules for signals on boards: which signals concern a card, and how a signal's explanation
// and durations read in the person's language.

import { sourceLabel } from './sources.js'

/** Returns the board's unresolved signals, newest first. */
export function boardSignals(state) {
  // ISO instants in UTC sort as text.
  return Object.values(state?.signals ?? {}).sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))
}

/** Returns the board's unresolved signals that concern a node. */
export function signalsOfNode(state, nodeId) {
  return boardSignals(state).filter((signal) => (signal.nodeIds ?? []).includes(nodeId))
}

/** Returns the board's unresolved signals that concern a node of a unit. */
export function signalsOfUnit(state, unitId) {
  return boardSignals(state).filter((signal) => (signal.unitIds ?? []).includes(unitId))
}

/** Splits seconds into whole days, hours and minutes. */
export function durationParts(seconds) {
  const total = Math.max(0, Math.floor(Number(seconds) || 0))
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
  }
}

/**
 * Returns a duration such as "2 d 4 h", "3 h 10 min" or "45 min" (at least "1 min"), with the
 * units worded by `t` from the `duration` messages.
 */
export function durationText(seconds, t) {
  const { days, hours, minutes } = durationParts(seconds)
  if (days > 0) {
    return hours > 0 ? `${t('duration.days', { count: days })} ${t('duration.hours', { count: hours })}` : t('duration.days', { count: days })
  }
  if (hours > 0) {
    return minutes > 0 ? `${t('duration.hours', { count: hours })} ${t('duration.minutes', { count: minutes })}` : t('duration.hours', { count: hours })
  }
  return t('duration.minutes', { count: Math.max(1, minutes) })
}

/**
 * Returns the text that names a value source: the label the server sent for the board, else the
 * word for a source Momentum writes itself, else the source as it is.
 */
export function sourceText(source, labels, t) {
  if (!source) {
    return null
  }
  const known = labels?.[source]?.label
  if (known) {
    return known
  }
  const kind = sourceLabel(source)
  return kind === null ? source : t(`source.${kind}`)
}

/**
 * Returns a signal's explanation in the person's language: the message for its code filled with
 * its params, else the server's English sentence. `format.dateTimeText` formats instants.
 */
export function explanationText(signal, { t, te }, format) {
  const key = `signals.explanation.${signal.code}`
  if (!signal.code || !te(key)) {
    return signal.explanation
  }
  const params = signal.params ?? {}
  return t(key, {
    label: params.label ?? params.source,
    lastSeen: params.lastSeen ? format.dateTimeText(params.lastSeen) : '',
    quiet: durationText(params.quietSeconds, t),
    expected: durationText(params.expectedSeconds, t),
    origin: t(`signals.origin.${params.intervalOrigin === 'set' ? 'set' : 'learned'}`),
    count: params.nodeCount ?? 0,
  }, params.nodeCount ?? 0)
}
