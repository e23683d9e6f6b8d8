import { ApiError, fetchAllPages, requestJson, withQuery, ifMatch } from './http.js'

const BASE = '/api/v1/kpis'

/** Returns the KPIs that match the filters {unit}. */
export async function listKpis(filters = {}) {
  const { items } = await fetchAllPages(BASE, filters)
  return items.map(toKpi)
}

export async function getKpi(id) {
  return toKpi(await requestJson('GET', `${BASE}/${encodeURIComponent(id)}`))
}

/**
 * Returns the measured values of a KPI, oldest first: {points: [{at, value}]}, or null when
 * the server keeps no history for it (404).
 */
export async function fetchKpiHistory(id, { from = null, to = null } = {}) {
  let body
  try {
    body = await requestJson('GET', withQuery(`${BASE}/${encodeURIComponent(id)}/history`, { from, to }))
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null
    }
    throw error
  }
  const points = (body?.points ?? body?.items ?? [])
    .map((point) => ({ at: point.at ?? point.time, value: point.value ?? null }))
    .sort((left, right) => Date.parse(left.at) - Date.parse(right.at))
  return { points }
}

/**
 * Returns the driver tree below a KPI. The server sends the root KPI as {id, key, title, unit,
 * value, formula, drivers}, and each driver as {variable, weight, change, changePercent,
 * estimated, kpi: {...the driver KPI with its own drivers}}. Every node of the returned tree is
 * {id, key, title, unit, current, formula, variable, weight, sensitivity, drivers}, where
 * sensitivity (null at the root) is {absolute, percent, estimated}: the change of the parent when
 * this driver alone rises by 1 %, in the parent's unit and in percent of the parent's value.
 */
export async function fetchDriverTree(id) {
  const body = await requestJson('GET', `${BASE}/${encodeURIComponent(id)}/driver-tree`)
  return toDriverNode(body?.root ?? body)
}

function toDriverNode(item) {
  const kpi = item.kpi ?? item
  return {
    id: kpi.id ?? item.driverId,
    key: kpi.key ?? null,
    title: kpi.title ?? kpi.key ?? '',
    unit: kpi.unit ?? null,
    current: kpi.current ?? kpi.value ?? null,
    formula: kpi.formula ?? null,
    variable: item.variable ?? null,
    weight: item.weight ?? null,
    sensitivity: toSensitivity(item),
    drivers: (kpi.drivers ?? []).map(toDriverNode),
  }
}

/** Reads a branch's sensitivity; the root KPI has none. */
function toSensitivity(item) {
  if (item.sensitivity) {
    return {
      absolute: item.sensitivity.absolute ?? null,
      percent: item.sensitivity.percent ?? null,
      estimated: Boolean(item.sensitivity.estimated),
    }
  }
  if (item.kpi === undefined) {
    return null
  }
  return { absolute: item.change ?? null, percent: item.changePercent ?? null, estimated: Boolean(item.estimated) }
}

/** Maps the server's KPI to the shape the screens use; a missing optional field becomes null. */
export function toKpi(item) {
  return {
    id: item.id,
    key: item.key,
    title: item.title,
    description: item.description ?? null,
    unitId: item.unitId ?? null,
    ownerId: item.ownerId ?? null,
    ownerName: item.ownerName ?? null,
    unit: item.unit ?? null,
    direction: item.direction ?? 'increase',
    start: item.start ?? null,
    target: item.target ?? null,
    green: item.green ?? null,
    red: item.red ?? null,
    current: item.current ?? null,
    currentAt: item.currentAt ?? null,
    // Source of the live value, "formula" for a value the KPI's formula computed, or null.
    currentSource: item.currentSource ?? null,
    indicator: item.indicator ?? 'lagging',
    expectedEveryHours: item.expectedEveryHours ?? null,
    formula: item.formula ?? null,
    targets: (item.targets ?? []).map((target) => ({ due: target.due, value: target.value })),
    // False when the response had no target list, so an empty list does not prove there are none.
    targetsKnown: Array.isArray(item.targets),
    drivers: item.drivers ?? [],
    drives: item.drives ?? [],
    version: item.version,
  }
}

/** Creates a KPI from its fields (key and title required) and returns it. */
export async function createKpi(fields) {
  return toKpi(await requestJson('POST', BASE, fields))
}

/** Changes a KPI's plain fields; `version` is the version last read. Returns the stored KPI. */
export async function updateKpi(id, changes, version) {
  return toKpi(await requestJson('PATCH', `${BASE}/${encodeURIComponent(id)}`, { ...changes, version }))
}

/** Replaces the KPI's dated targets [{due, value}]; returns {version, targets} as stored, by due date. */
export async function replaceKpiTargets(id, targets) {
  const body = await requestJson('PUT', `${BASE}/${encodeURIComponent(id)}/targets`, { targets })
  return { version: body.version, targets: body.targets ?? [] }
}

/**
 * Replaces the KPI's drivers [{driverId, variable, weight}] and formula (null: measured
 * directly); returns {version, formula, drivers: [{driverId, driverKey, variable, weight}]}.
 */
export async function replaceKpiDrivers(id, drivers, formula) {
  const body = await requestJson('PUT', `${BASE}/${encodeURIComponent(id)}/drivers`, { drivers, formula })
  return { version: body.version, formula: body.formula ?? null, drivers: body.drivers ?? [] }
}

/** Archives a KPI. Key results that follow it or KPIs it drives make the server respond with 409 `has_dependents`. */
export async function archiveKpi(id, version = null) {
  return requestJson('DELETE', `${BASE}/${encodeURIComponent(id)}`, undefined, ifMatch(version))
}

/**
 * Records a new value of a measured KPI, observed now unless `time` (an ISO instant) gives another time.
 * The server publishes it as an event; it shows on the KPI once the engine has applied it.
 */
export async function recordKpiValue(id, value, time = null) {
  const body = time === null ? { value } : { value, time }
  return requestJson('POST', `${BASE}/${encodeURIComponent(id)}/measurements`, body)
}
