import { requestJson, withQuery } from './http.js'

/**
 * Fetches a node and its subtree as they stood at the ISO instant `at`: the node's board JSON
 * with `asOf`, and under `nodes` the node and everything aligned below it then. Rejects with an
 * ApiError of status 404 when the node did not exist at `at`.
 */
export async function fetchNodeAsOf(nodeId, at) {
  return requestJson('GET', withQuery(`/api/v1/nodes/${encodeURIComponent(nodeId)}/as-of`, { at }))
}
