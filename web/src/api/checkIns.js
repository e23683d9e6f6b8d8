import { fetchAllPages, requestJson, withQuery } from './http.js'

/**
 * Sends a check-in of a key result: {value, confidence (0-10), note, blockers}, each optional
 * but at least a value or a confidence. The server publishes it as an event and returns 202.
 */
export async function postCheckIn(keyResultId, checkIn) {
  return requestJson('POST', `/api/v1/key-results/${encodeURIComponent(keyResultId)}/check-ins`, checkIn)
}

/** Returns the check-ins of a key result, newest first: {id, at, value, confidence, note, blockers, author}. */
export async function listCheckIns(keyResultId) {
  const { items } = await fetchAllPages(`/api/v1/key-results/${encodeURIComponent(keyResultId)}/check-ins`)
  return items
    .map((item) => ({
      id: item.id ?? `${item.at}-${item.author ?? ''}`,
      at: item.at ?? item.time ?? item.createdAt,
      value: item.value ?? null,
      confidence: item.confidence ?? null,
      note: item.note ?? null,
      blockers: item.blockers ?? null,
      author: item.author ?? item.authorName ?? null,
    }))
    .sort((left, right) => Date.parse(right.at) - Date.parse(left.at))
}

/**
 * Returns the key results whose check-in is due or overdue, filtered by {unit, owner}:
 * {keyResultId, key, title, objectiveId, unitId, ownerId, ownerName, state ('due' or
 * 'overdue'), lastCheckInAt}.
 */
export async function listDueCheckIns(filters = {}) {
  const body = await requestJson('GET', withQuery('/api/v1/check-ins/due', filters))
  return (body?.items ?? []).map((item) => ({
    keyResultId: item.keyResultId ?? item.id,
    key: item.key ?? null,
    title: item.title,
    objectiveId: item.objectiveId ?? null,
    unitId: item.unitId ?? null,
    ownerId: item.ownerId ?? null,
    ownerName: item.ownerName ?? null,
    state: item.state ?? (item.overdue ? 'overdue' : 'due'),
    lastCheckInAt: item.lastCheckInAt ?? null,
  }))
}
