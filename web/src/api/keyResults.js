import { fetchAllPages, requestJson, withQuery, ifMatch } from './http.js'

const BASE = '/api/v1/key-results'

/** Returns the key results that match the filters {objective, unit, cycle, owner, kpi}. */
export async function listKeyResults(filters = {}) {
  const { items } = await fetchAllPages(BASE, filters)
  return items.map(toKeyResult)
}

export async function getKeyResult(id) {
  return toKeyResult(await requestJson('GET', `${BASE}/${encodeURIComponent(id)}`))
}

export async function createKeyResult(fields) {
  return toKeyResult(await requestJson('POST', BASE, fields))
}

/**
 * Changes the given fields of a key result (moving it is `{objectiveId}`). `version` is the
 * version the person last read; a newer one rejects with ApiError 409 `stale_version`.
 */
export async function updateKeyResult(id, changes, version) {
  return toKeyResult(await requestJson('PATCH', `${BASE}/${encodeURIComponent(id)}`, { ...changes, version }))
}

/** Archives a key result; with `version` the server refuses a stale one (409 `stale_version`). */
export async function archiveKeyResult(id, version = null) {
  await requestJson('DELETE', `${BASE}/${encodeURIComponent(id)}`, undefined, ifMatch(version))
}

/**
 * Returns the value and confidence history of a key result for charts, following carried-over
 * copies into earlier cycles: {points: [{at, value, confidence, cycleId}]}, oldest first.
 */
export async function fetchKeyResultHistory(id, { from = null, to = null } = {}) {
  const body = await requestJson('GET', withQuery(`${BASE}/${encodeURIComponent(id)}/history`, { from, to }))
  const points = (body?.points ?? body?.items ?? []).map((point) => ({
    at: point.at ?? point.time,
    value: point.value ?? null,
    confidence: point.confidence ?? null,
    cycleId: point.cycleId ?? null,
  }))
  points.sort((left, right) => Date.parse(left.at) - Date.parse(right.at))
  return { points }
}

/** Maps the server's key result to the shape the screens use; a missing optional field becomes null. */
export function toKeyResult(item) {
  return {
    id: item.id,
    key: item.key,
    objectiveId: item.objectiveId ?? null,
    title: item.title,
    description: item.description ?? null,
    measurement: item.measurement,
    unitId: item.unitId ?? null,
    cycleId: item.cycleId ?? null,
    ownerId: item.ownerId ?? null,
    ownerName: item.ownerName ?? null,
    weight: item.weight ?? 1,
    start: item.start ?? null,
    target: item.target ?? null,
    low: item.low ?? null,
    high: item.high ?? null,
    tolerance: item.tolerance ?? null,
    commit: item.commit ?? null,
    stretch: item.stretch ?? null,
    unit: item.unit ?? null,
    kpiId: item.kpiId ?? null,
    workFrom: item.workFrom ?? [],
    milestones: item.milestones ?? [],
    current: item.current ?? null,
    currentAt: item.currentAt ?? null,
    confidence: item.confidence ?? null,
    carriedFrom: item.carriedFrom ?? null,
    exampleNumbers: item.exampleNumbers === true,
    version: item.version,
  }
}
