import { fetchAllPages, requestJson } from './http.js'

/** Posts an objective-level comment; the author is the signed-in person. */
export async function postObjectiveComment(objectiveId, text) {
  return requestJson('POST', `/api/v1/objectives/${encodeURIComponent(objectiveId)}/comments`, { body: text })
}

/** Returns the comments of an objective: {id, author, body, createdAt}. */
export async function listObjectiveComments(objectiveId) {
  const { items } = await fetchAllPages(`/api/v1/objectives/${encodeURIComponent(objectiveId)}/comments`)
  return items.map((item) => ({ id: item.id, author: item.author ?? null, body: item.body, createdAt: item.createdAt ?? null }))
}
