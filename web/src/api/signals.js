import { fetchAllPages, requestJson, withQuery } from './http.js'

function signalPath(id) {
  return `/api/v1/signals/${encodeURIComponent(id)}`
}

/** Returns one page of signals, newest first, filtered by {state, kind, node, unit, after, limit}. */
export async function listSignals(filters = {}) {
  return requestJson('GET', withQuery('/api/v1/signals', filters))
}

/** Returns a signal with its actions (who did what, when and why), oldest first. */
export async function getSignal(id) {
  return requestJson('GET', signalPath(id))
}

/** Acknowledges a signal; the reason may be empty. Returns the signal with its actions. */
export async function acknowledgeSignal(id, reason) {
  return requestJson('POST', `${signalPath(id)}/acknowledge`, reason ? { reason } : {})
}

/** Snoozes a signal until an ISO instant, with a reason. Returns the signal with its actions. */
export async function snoozeSignal(id, until, reason) {
  return requestJson('POST', `${signalPath(id)}/snooze`, { until, reason })
}

/** Resolves a signal with a reason. Returns the signal with its actions. */
export async function resolveSignal(id, reason) {
  return requestJson('POST', `${signalPath(id)}/resolve`, { reason })
}

/** Returns every source that sent values to the organisation, ordered by source URI. */
export async function listSources() {
  const { items } = await fetchAllPages('/api/v1/sources')
  return items
}

/**
 * Changes a source: {expectedIntervalSeconds, label}; null goes back to the learned interval or
 * the derived label. Returns the source.
 */
export async function updateSource(id, changes) {
  return requestJson('PATCH', `/api/v1/sources/${encodeURIComponent(id)}`, changes)
}
