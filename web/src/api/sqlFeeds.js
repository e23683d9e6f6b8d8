import { fetchAllPages, ifMatch, requestJson } from './http.js'

const BASE = '/api/v1/kpis/sql-feeds'

function feedPath(id) {
  return `${BASE}/${encodeURIComponent(id)}`
}

/** Returns the organisation's SQL feeds by name, each with its `lastRun` (or null). */
export async function listSqlFeeds() {
  const { items } = await fetchAllPages(BASE)
  return items
}

/** Creates a feed from its settings (password included) and returns it without the password. */
export async function createSqlFeed(fields) {
  return requestJson('POST', BASE, fields)
}

/** Changes a feed; `version` is the version last read. A `password` in `changes` replaces the stored one. */
export async function updateSqlFeed(id, changes, version) {
  return requestJson('PATCH', feedPath(id), { ...changes, version })
}

/** Deletes a feed with its run log; with `version` the server rejects a stale one (409 `stale_version`). */
export async function deleteSqlFeed(id, version = null) {
  return requestJson('DELETE', feedPath(id), undefined, ifMatch(version))
}

/**
 * Reads the first rows of the settings' query without saving or publishing, and returns
 * {columns, rows: [{row, values, mapped, errors}], more}. With `feedId` and no password the
 * server uses that feed's stored password.
 */
export async function previewSqlFeed(fields) {
  return requestJson('POST', `${BASE}/preview`, fields)
}

/** Starts a run now and returns it with status `running`; 409 `run_in_progress` while one runs. */
export async function runSqlFeed(id) {
  return requestJson('POST', `${feedPath(id)}/run`)
}

/** Returns the newest runs of a feed, newest first. */
export async function listSqlFeedRuns(id, limit = 20) {
  const body = await requestJson('GET', `${feedPath(id)}/runs?limit=${limit}`)
  return body?.items ?? []
}
