import { requestJson } from './http.js'

/** Returns the organisation's cadence settings {fiscalYearStartMonth, checkInDay (ISO, 1 = Monday), staleAfterDays, version}. */
export async function getSettings() {
  return requestJson('GET', '/api/v1/settings')
}

/** Changes settings (admins only); `changes.version` is the version last read. Returns the stored settings. */
export async function updateSettings(changes) {
  return requestJson('PATCH', '/api/v1/settings', changes)
}
