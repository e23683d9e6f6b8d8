import { fetchAllPages } from './http.js'

/** Returns the organisation's users as owner choices: {id, name, email, unitId}. */
export async function listPeople() {
  const { items } = await fetchAllPages('/api/v1/people')
  return items
    .map((item) => ({ id: item.id, name: item.name, email: item.email ?? null, unitId: item.unitId ?? null }))
    .sort((left, right) => left.name.localeCompare(right.name))
}
