import { fetchAllPages, requestJson, ifMatch } from './http.js'

const BASE = '/api/v1/initiatives'

/** Returns the live initiatives that match the filters {unit, cycle, owner}, by key. */
export async function listInitiatives(filters = {}) {
  const { items } = await fetchAllPages(BASE, filters)
  return items.map(toInitiative)
}

/** Creates an initiative from its fields (key and title required) and returns it. */
export async function createInitiative(fields) {
  return toInitiative(await requestJson('POST', BASE, fields))
}

/** Changes an initiative; `version` is the version last read. Returns the stored initiative. */
export async function updateInitiative(id, changes, version) {
  return toInitiative(await requestJson('PATCH', `${BASE}/${encodeURIComponent(id)}`, { ...changes, version }))
}

/** Archives an initiative; with `version` the server refuses a stale one (409 `stale_version`). */
export async function archiveInitiative(id, version = null) {
  return requestJson('DELETE', `${BASE}/${encodeURIComponent(id)}`, undefined, ifMatch(version))
}

/**
 * Maps the server's initiative; `progress` and `status` are null unless the response contains them
 * (the live board is the usual source).
 */
export function toInitiative(item) {
  return {
    id: item.id,
    key: item.key,
    title: item.title,
    description: item.description ?? null,
    unitId: item.unitId ?? null,
    cycleId: item.cycleId ?? null,
    ownerId: item.ownerId ?? null,
    ownerName: item.ownerName ?? null,
    externalSystem: item.externalSystem ?? null,
    externalKey: item.externalKey ?? null,
    start: item.start ?? null,
    due: item.due ?? null,
    progress: item.progress ?? null,
    status: item.status ?? null,
    version: item.version,
  }
}
