import { requestJson, withQuery } from './http.js'

function briefPath(id) {
  return `/api/v1/assist/briefs/${encodeURIComponent(id)}`
}

function schedulePath(id) {
  return `/api/v1/assist/brief-schedules/${encodeURIComponent(id)}`
}

/**
 * Generates and stores a brief: {kind: 'weekly' | 'monthly' | 'quarterly', unitId, cycleId,
 * language: 'en' | 'de'}. Returns the brief with its sections.
 */
export async function generateBrief(request) {
  return requestJson('POST', '/api/v1/assist/briefs', request)
}

/** Returns one page of stored briefs without sections, newest first: {items, next}. */
export async function listBriefs(filters = {}) {
  return requestJson('GET', withQuery('/api/v1/assist/briefs', filters))
}

/** Returns a stored brief with its sections, sentences, links and numbers. */
export async function getBrief(id) {
  return requestJson('GET', briefPath(id))
}

/** Returns the address that downloads a brief as 'markdown' or 'pdf'. */
export function briefDownloadUrl(id, format) {
  return withQuery(briefPath(id), { format })
}

/** Returns the brief schedules, of one unit when `unitId` is given. */
export async function listBriefSchedules(unitId = null) {
  const { items } = await requestJson('GET', withQuery('/api/v1/assist/brief-schedules', { unitId }))
  return items
}

/**
 * Creates a schedule: {unitId, kind, language, dayOfWeek (weekly) or dayOfMonth (monthly and
 * quarterly), time 'HH:MM', timeZone, enabled}. Returns the schedule with its next run.
 */
export async function createBriefSchedule(schedule) {
  return requestJson('POST', '/api/v1/assist/brief-schedules', schedule)
}

/** Changes a schedule's settings; fields left out keep their values. Returns the schedule. */
export async function updateBriefSchedule(id, changes) {
  return requestJson('PATCH', schedulePath(id), changes)
}

/** Deletes a schedule; the briefs it generated stay. */
export async function deleteBriefSchedule(id) {
  return requestJson('DELETE', schedulePath(id))
}
