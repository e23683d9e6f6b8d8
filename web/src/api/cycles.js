import { fetchAllPages, requestFile, requestJson, withQuery } from './http.js'

const BASE = '/api/v1/cycles'

// Cycle kinds as the REST API names them, outermost first.
export const CYCLE_KINDS = ['strategy', 'annual', 'quarter']

/**
 * Returns every cycle of the organisation: {id, key, name, kind (strategy, annual, quarter),
 * parentId, start, end (ISO dates), closed, closedAt, closedBy, version}.
 */
export async function listCycles() {
  const { items } = await fetchAllPages(BASE)
  return items.map(toCycle)
}

/** Creates a cycle from {key, name, kind, parentId, start, end}; annual and quarter need a parent. */
export async function createCycle(input) {
  return toCycle(await requestJson('POST', BASE, input))
}

/**
 * Creates an annual cycle and its four quarters inside a strategy cycle from {strategyCycleId,
 * year, keyPrefix}; returns {annual, quarters}.
 */
export async function createFiscalYear(input) {
  const body = await requestJson('POST', `${BASE}/fiscal-year`, input)
  return { annual: toCycle(body.annual), quarters: body.quarters.map(toCycle) }
}

/** Changes a cycle's name or dates; `changes.version` is the version last read. */
export async function updateCycle(id, changes) {
  return toCycle(await requestJson('PATCH', `${BASE}/${encodeURIComponent(id)}`, changes))
}

/** Returns {cycle, objectives, candidates, suggestedTargets}: what closing the cycle would offer to carry over. */
export async function previewCycleClose(id) {
  const body = await requestJson('GET', `${BASE}/${encodeURIComponent(id)}/close-preview`)
  return {
    cycle: toCycle(body.cycle),
    objectives: body.objectives,
    candidates: body.candidates ?? [],
    suggestedTargets: (body.suggestedTargets ?? []).map(toCycle),
  }
}

/** Closes a cycle, carrying the objectives `carryOver` into `targetCycleId`; returns {cycle, results, copies}. */
export async function closeCycle(id, { carryOver = [], targetCycleId = null } = {}) {
  const request = carryOver.length > 0 ? { carryOver, targetCycleId } : {}
  const body = await requestJson('POST', `${BASE}/${encodeURIComponent(id)}/close`, request)
  return { cycle: toCycle(body.cycle), results: body.results ?? [], copies: body.copies ?? [] }
}

/** Reopens a closed cycle (admins only) and returns it. */
export async function reopenCycle(id) {
  return toCycle(await requestJson('POST', `${BASE}/${encodeURIComponent(id)}/reopen`))
}

/** Downloads the cycle's objectives and key results as `format` (json or csv); returns {blob, filename}. */
export async function exportCycle(cycle, format) {
  return requestFile(withQuery(`${BASE}/${encodeURIComponent(cycle.id)}/export`, { format }), `${cycle.key}-okrs.${format}`)
}

/**
 * Imports an export file (parsed JSON) into the cycle its `cycle.key` names; returns
 * {cycleId, imported: {objectives, keyResults}, objectives, keyResults}.
 */
export async function importOkrs(file) {
  return requestJson('POST', '/api/v1/import', file)
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
    closedAt: item.closedAt ?? null,
    closedBy: item.closedBy ?? null,
    version: item.version ?? null,
  }
}
