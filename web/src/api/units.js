import { fetchAllPages, requestJson } from './http.js'

/** Returns a unit: {id, key, name, kind, parentId}. */
export async function getUnit(id) {
  const item = await requestJson('GET', `/api/v1/units/${encodeURIComponent(id)}`)
  return { id: item.id, key: item.key, name: item.name, kind: item.kind, parentId: item.parentId ?? null }
}

/** Returns every unit of the organisation as {id, key, name, kind, parentId}, by name. */
export async function listUnits() {
  const { items } = await fetchAllPages('/api/v1/units')
  return items
    .map((item) => ({ id: item.id, key: item.key, name: item.name, kind: item.kind, parentId: item.parentId ?? null }))
    .sort((left, right) => left.name.localeCompare(right.name))
}
