import { fetchAllPages, requestJson, withQuery, ifMatch } from './http.js'

const BASE = '/api/v1/objectives'

/** Returns the objectives (and strategic outcomes) that match the filters {unit, cycle, parent, kind}. */
export async function listObjectives(filters = {}) {
  const { items } = await fetchAllPages(BASE, filters)
  return items.map(toObjective)
}

export async function getObjective(id) {
  return toObjective(await requestJson('GET', `${BASE}/${encodeURIComponent(id)}`))
}

/** Creates an objective from {key, kind, title, description, unitId, cycleId, ownerId, ownerName, parentId, parentKeyResultId, weight, rollupChildren}. */
export async function createObjective(fields) {
  return toObjective(await requestJson('POST', BASE, fields))
}

/**
 * Changes the given fields of an objective. `version` is the version the person last read; a
 * newer one on the server rejects with ApiError 409 `stale_version`.
 */
export async function updateObjective(id, changes, version) {
  return toObjective(await requestJson('PATCH', `${BASE}/${encodeURIComponent(id)}`, { ...changes, version }))
}

/**
 * Archives an objective; with `cascade` its key results and child objectives too. With `version`
 * the server refuses (409 `stale_version`) when someone changed it since.
 */
export async function archiveObjective(id, { cascade = false, version = null } = {}) {
  await requestJson('DELETE', withQuery(`${BASE}/${encodeURIComponent(id)}`, { cascade: cascade ? 'true' : null }), undefined,
    ifMatch(version))
}

/** Maps the server's objective to the shape the screens use; a missing optional field becomes null. */
export function toObjective(item) {
  return {
    id: item.id,
    key: item.key,
    kind: item.kind ?? 'objective',
    title: item.title,
    description: item.description ?? null,
    parentId: item.parentId ?? null,
    parentKeyResultId: item.parentKeyResultId ?? null,
    unitId: item.unitId ?? null,
    cycleId: item.cycleId ?? null,
    ownerId: item.ownerId ?? null,
    ownerName: item.ownerName ?? null,
    weight: item.weight ?? 1,
    rollupChildren: item.rollupChildren ?? null,
    carriedFrom: item.carriedFrom ?? null,
    version: item.version,
  }
}
