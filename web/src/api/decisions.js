import { requestJson, withQuery } from './http.js'

/**
 * Returns one page of the organisation's decision trail, newest first, filtered by {kind,
 * subjectId, nodeId, ref, before, limit}: {items, nextBefore}. Pass `nextBefore` as `before` to
 * get the next page. The last page has no `nextBefore`.
 */
export async function listDecisions(filters = {}) {
  return requestJson('GET', withQuery('/api/v1/decisions', filters))
}
