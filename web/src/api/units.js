import { requestJson } from './http.js'

/** Returns a unit: {id, key, name, kind, parentId}. */
export async function getUnit(id) {
  const item = await requestJson('GET', `/api/v1/units/${encodeURIComponent(id)}`)
  return { id: item.id, key: item.key, name: item.name, kind: item.kind, parentId: item.parentId ?? null }
}
