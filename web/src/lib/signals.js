// Pure rules for signals on boards: which signals concern a card, and how a signal's explanation
// and durations read in the person's language.

import { unref } from 'vue'
import { derivedDecimals } from './numbers.js'
import { percentTenths } from './percent.js'
import { sourceLabel } from './sources.js'

// Lower ranks come first: signals still open, then the worse severity.
const STATE_RANK = { open: 0, acknowledged: 1, snoozed: 2 }
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 }

function rank(table, key) {
  return table[key] ?? Object.keys(table).length
}

/**
 * Returns the board's unresolved signals in the order they need attention: open before acknowledged
 * and snoozed, critical before warning, a node's own condition before a dependency on another
 * node, then newest first.
 */
export function boardSignals(state) {
  return Object.values(state?.signals ?? {}).sort((a, b) =>
    rank(STATE_RANK, a.state) - rank(STATE_RANK, b.state)
    || rank(SEVERITY_RANK, a.severity) - rank(SEVERITY_RANK, b.severity)
    || Number(a.kind === 'dependency_at_risk') - Number(b.kind === 'dependency_at_risk')
    // ISO instants in UTC sort as text.
    || b.raisedAt.localeCompare(a.raisedAt))
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
 * Returns the forecast of an off-track signal as its explanation writes it. The values a signal
 * stores in its evidence (start, target, current) decide the decimals, else the `decimals` the
 * engine sent, else the target's. The detector rewrites the signal only when the forecast's
 * percentage or severity changes, so the forecast can lag the board's live forecast, and the
 * text names the time of the evaluation (`evidence.checkedAt`) that computed it.
 */
function forecastText(signal, estimate, t, format) {
  const params = signal.params ?? {}
  if (params.forecast === null || params.forecast === undefined) {
    return estimate(params.forecast)
  }
  const evidence = signal.evidence ?? {}
  let decimals = derivedDecimals(params.target)
  if (evidence.start !== undefined && evidence.target !== undefined) {
    decimals = derivedDecimals(evidence.start, evidence.target, evidence.current)
  } else if (Number.isInteger(params.decimals)) {
    decimals = params.decimals
  }
  const forecast = estimate(params.forecast, decimals)
  if (!evidence.checkedAt || !format.dateTimeText) {
    return forecast
  }
  return t('signals.forecastAsOf', { forecast, time: format.dateTimeText(evidence.checkedAt) })
}

/**
 * Returns the forecast progress of an off-track signal with one decimal, as the board card writes
 * it ("39.5"), from the progress in the signal's evidence. The engine's `forecastPercent` param
 * is whole percent, or one decimal where whole percent would reach the off-track threshold. It is
 * the fallback for signals without that evidence, and for a progress that one decimal would round
 * up to the threshold (0.3995 would read "40.0" while below 0.40).
 */
function forecastPercentText(signal, format) {
  const params = signal.params ?? {}
  const forecast = signal.evidence?.forecast ?? {}
  const progress = forecast.progress === undefined || forecast.progress === null ? NaN : Number(forecast.progress)
  const threshold = Number(forecast.offTrackBelow)
  if (Number.isFinite(progress) && format.percentNumber) {
    const tenths = percentTenths(progress)
    if (!Number.isFinite(threshold) || tenths < Math.round(threshold * 1000)) {
      return format.percentNumber(progress)
    }
  }
  // The decimal of the engine's value is written in the person's language.
  return params.forecastPercent === undefined ? undefined : format.valueText(Number(params.forecastPercent), null)
}

/**
 * Returns a signal's explanation in the person's language: the message for its code filled with
 * its params, else the server's English sentence. `format` formats instants, dates and values
 * (`dateTimeText`, `dateText`, `valueText`).
 */
export function explanationText(signal, { t, te, locale }, format) {
  const key = `signals.explanation.${signal.code}`
  if (!signal.code || !te(key)) {
    return signal.explanation
  }
  const params = signal.params ?? {}
  if (signal.code === 'stale_source') {
    return t(key, {
      label: params.label ?? params.source,
      lastSeen: params.lastSeen ? format.dateTimeText(params.lastSeen) : '',
      quiet: durationText(params.quietSeconds, t),
      expected: durationText(params.expectedSeconds, t),
      origin: t(`signals.origin.${params.intervalOrigin === 'set' ? 'set' : 'learned'}`),
      count: params.nodeCount ?? 0,
    }, params.nodeCount ?? 0)
  }
  // Amounts of money get cents when any amount of the key result has cents, so the sentence
  // writes "target EUR 92.00" like a title that reads "from EUR 86.40 to EUR 92.00".
  const cents = { cents: amountsHaveCents(signal) }
  const value = (number) => (number === null || number === undefined ? '–' : format.valueText(Number(number), params.unit, cents))
  // Forecasts and medians are derived, so they show at most 2 decimals, like other estimates. A
  // forecast shows the precision of the key result's own values, as the board row does.
  const estimateText = format.estimateText ?? format.valueText
  const estimate = (number, decimals = 2) => (number === null || number === undefined ? '–' : estimateText(Number(number), params.unit, decimals, cents))
  const words = {
    ...params,
    value: value(params.value),
    forecast: forecastText(signal, estimate, t, format),
    target: value(params.target),
    red: value(params.red),
    green: value(params.green),
    centre: estimate(params.centre),
    forecastPercent: forecastPercentText(signal, format),
    z: format.valueText(Math.abs(Number(params.z ?? 0)), null),
    cycleEnd: params.cycleEnd ? format.dateText(params.cycleEnd) : '',
    dueAt: params.dueAt ? format.dateText(params.dueAt) : '',
    lastCheckIn: params.lastCheckIn ? format.dateText(params.lastCheckIn) : '',
    fromAt: params.fromAt ? format.dateText(params.fromAt) : '',
    side: params.side ? t(`signals.side.${params.side}`) : '',
    seasonal: params.seasonal ? t('signals.seasonal') : '',
    span: spanText(params.days ?? Math.round(Number(params.weeks ?? 0) * 7), t),
    other: otherNodeText(params, t),
  }
  // A value copied from the previous cycle is not a check-in, but the board row shows it, so the
  // sentence names it. The engine sends it only while the key result has no check-in in its cycle.
  if (signal.code === 'missed_check_in' && !params.lastCheckIn && params.carriedValue !== undefined && params.carriedValue !== null) {
    return t('signals.explanation.missed_check_in_carried', { ...words, carriedValue: value(params.carriedValue) }, Number(params.missed ?? 1))
  }
  if (signal.code === 'missed_check_in' && !params.lastCheckIn) {
    return t('signals.explanation.missed_check_in_never', words, Number(params.missed ?? 1))
  }
  // While a dependency signal settles, the node it names is no longer off track, and the engine
  // sends that node's current status.
  if (signal.code === 'dependency_at_risk' && params.otherStatus && params.otherStatus !== 'off_track') {
    const settling = params.relation === 'contributes_to' ? 'dependency_at_risk_contributes_to_settling' : 'dependency_at_risk_settling'
    return t(`signals.explanation.${settling}`, { ...words, status: t(`signals.explanation.otherStatus.${params.otherStatus}`) })
  }
  if (signal.code === 'dependency_at_risk') {
    const sentence = params.relation === 'contributes_to' ? 'dependency_at_risk_contributes_to' : 'dependency_at_risk'
    const others = otherOffTrackText(signal, t, unref(locale) ?? 'en')
    if (others !== null) {
      // vue-i18n picks the plural form from a `count` parameter, so the sentence of one node
      // gets a count of 1.
      return `${t(`signals.explanation.${sentence}`, { ...words, count: 1 }, 1)} ${others}`
    }
    return t(`signals.explanation.${sentence}`, words, Number(params.count ?? 1))
  }
  const count = {
    missed_check_in: params.missed,
    dependency_at_risk: params.count,
    off_track_forecast: params.leadWeeks,
    confidence_drop: params.drop,
  }[signal.code]
  return count === undefined ? t(key, words) : t(key, words, Number(count))
}

/**
 * Returns true when a measured amount a signal names, or the start, target or current value in
 * its evidence, has cents. Only the caller's format decides whether the unit is a currency.
 */
export function amountsHaveCents(signal) {
  const params = signal.params ?? {}
  const evidence = signal.evidence ?? {}
  const amounts = [params.value, params.target, params.red, params.green, params.carriedValue, evidence.start, evidence.target, evidence.current]
  return amounts.some((amount) => amount !== null && amount !== undefined && amount !== '' && !Number.isInteger(Number(amount)))
}

/**
 * Returns a span of whole days as people count it: "3 days" below two weeks, whole weeks from
 * there ("3 weeks" for 20 days), worded by `t` with plural forms. The engine's English sentences
 * use the same rule.
 */
export function spanText(days, t) {
  const whole = Math.max(1, Math.round(Number(days) || 0))
  if (whole < 14) {
    return t('signals.span.days', whole)
  }
  const weeks = Math.round(whole / 7)
  return t('signals.span.weeks', weeks)
}

/**
 * Returns the other node a dependency signal names, with its kind so that nodes sharing a title
 * differ: "the initiative Checkout revamp", in German in the dative that follows "von" and "zu".
 * The kind comes first because many titles end in brackets, such as "(from 62 %)". Signals
 * raised before the kind was sent give the title alone.
 */
export function otherNodeText(params, t) {
  const title = params.otherTitle ?? params.otherKey ?? ''
  return params.otherKind ? t('signals.otherNode', { title, kind: t(`signals.otherNodeKind.${params.otherKind}`) }) : title
}

/**
 * Returns the sentence that names the off-track nodes of a dependency signal besides the one it
 * names first, such as "Also off track: the initiative Checkout revamp and the KPI Orders.",
 * listed in `language`. Returns null when there are none, or when the evidence lists fewer
 * nodes than the signal counts (older signals), so the caller writes the count instead.
 */
export function otherOffTrackText(signal, t, language) {
  const params = signal.params ?? {}
  const count = Number(params.count ?? 1)
  const listed = signal.evidence?.offTrack ?? []
  const others = listed.filter((node) => node.id !== params.otherId)
  if (count < 2 || others.length !== count - 1) {
    return null
  }
  const names = others.map((node) => {
    const title = node.title ?? node.key ?? ''
    return node.kind ? t('signals.listedNode', { title, kind: t(`signals.nodeKind.${node.kind}`) }) : title
  })
  const nodes = new Intl.ListFormat(language, { type: 'conjunction' }).format(names)
  return t('signals.alsoOffTrack', { nodes })
}

/**
 * Returns the node a signal is about as `{ id, kind, title }`, the shape nodeRoute takes, or null
 * for a signal without nodes and for a stale source, which concerns a source rather than a node.
 * `title` falls back to the node's key and is null when the signal's params carry neither.
 */
export function signalSubject(signal) {
  const id = signal?.nodeIds?.[0]
  if (!id || typeof signal.kind !== 'string' || signal.kind === 'stale_source') {
    return null
  }
  const params = signal.params ?? {}
  // A dependency signal may concern any kind of node, so the engine sends that kind as a param.
  const kind = signal.kind.startsWith('kpi_') ? 'kpi' : (signal.kind === 'dependency_at_risk' ? (params.kind ?? null) : 'key_result')
  return { id, kind, title: params.title ?? params.key ?? null }
}

/** Returns the route of the page that shows a node, by its kind, or null for a kind without a page. */
export function nodeRoute(node) {
  if (!node?.id) {
    return null
  }
  if (node.kind === 'key_result') {
    return { name: 'key-result', params: { id: node.id } }
  }
  if (node.kind === 'kpi') {
    return { name: 'kpi', params: { kpiId: node.id } }
  }
  return { name: 'impact', params: { nodeId: node.id } }
}

/**
 * Returns the data points of a signal's evidence that a chart shows, oldest first: check-ins
 * with a value, else measured values, each as `{ at, value }` with a number value.
 */
export function evidencePoints(evidence) {
  const source = evidence?.checkIns?.length ? evidence.checkIns : (evidence?.values ?? [])
  return source
    .filter((point) => point.value !== null && point.value !== undefined && point.at)
    .map((point) => ({ at: point.at, value: Number(point.value) }))
}

/**
 * Returns the SVG polyline points of a sparkline `width` by `height` through `points`, as
 * `evidencePoints` returns them, spaced by time. A single point sits in the middle, and no points
 * give ''.
 */
export function sparklinePoints(points, width, height) {
  if (points.length === 0) {
    return ''
  }
  const times = points.map((point) => Date.parse(point.at))
  const values = points.map((point) => point.value)
  const [minTime, maxTime] = [Math.min(...times), Math.max(...times)]
  const [minValue, maxValue] = [Math.min(...values), Math.max(...values)]
  const x = (time) => (maxTime === minTime ? width / 2 : ((time - minTime) / (maxTime - minTime)) * width)
  const y = (value) => (maxValue === minValue ? height / 2 : height - ((value - minValue) / (maxValue - minValue)) * height)
  return points.map((point, i) => `${round(x(times[i]))},${round(y(point.value))}`).join(' ')
}

function round(number) {
  return Math.round(number * 10) / 10
}

/**
 * Returns who acknowledged and who snoozed a signal, and their note or reason, from the signal's
 * actions (oldest first, as GET /api/v1/signals/{id} returns them): {acknowledged, snoozed}, each
 * {byName, reason, at} of the latest such action or null. Waking puts a signal back to open, so
 * actions before the latest `woke` no longer count.
 */
export function signalActivity(actions) {
  const activity = { acknowledged: null, snoozed: null }
  for (const action of actions ?? []) {
    if (action.action === 'woke') {
      activity.acknowledged = null
      activity.snoozed = null
    } else if (action.action === 'acknowledged' || action.action === 'snoozed') {
      activity[action.action] = { byName: action.byName ?? null, reason: action.reason ?? null, at: action.at }
    }
  }
  return activity
}

/**
 * Returns the line that names who acted on a signal, such as "Acknowledged by Demo User: looking
 * into it", worded by `t`, or null without such an action.
 */
export function activityText(entry, action, t) {
  if (!entry) {
    return null
  }
  const name = entry.byName || t('signals.someone')
  const reason = entry.reason?.trim()
  return reason
    ? t(`signals.${action}ByWithReason`, { name, reason })
    : t(`signals.${action}By`, { name })
}
