import { fetchAllPages } from './http.js'

// Cycle kinds as the REST API names them, outermost first.
export const CYCLE_KINDS = ['strategy', 'annual', 'quarter']

/**
 * Returns every cycle of the organisation: {id, key, name, kind (strategy, annual, quarter),
 * parentId, start, end (ISO dates), closed}.
 */
export async function listCycles() {
  const { items } = await fetchAllPages('/api/v1/cycles')
  return items.map(toCycle)
}

function toCycle(item) {
  return {
    id: item.id,
    key: item.key,
    name: item.name ?? item.key,
    kind: item.kind,
    parentId: item.parentId ?? null,
    start: item.start,
    end: item.end,
    closed: Boolean(item.closed),
  }
}
