import { fetchAllPages, requestJson } from './http.js'

// Impact-chain stages in order; a link goes from a stage to the same or a later one.
export const STAGES = ['input', 'output', 'outcome', 'impact']

/**
 * Returns the impact links with `nodeId` at either end: {id, fromId, fromStage, toId, toStage,
 * from, to (each {id, key, kind, title}), note}.
 */
export async function listImpactLinks(nodeId) {
  const { items } = await fetchAllPages('/api/v1/impact-links', { node: nodeId })
  return items
}

/** Creates an impact link from {fromId, fromStage, toId, toStage, note}. */
export async function createImpactLink(input) {
  return requestJson('POST', '/api/v1/impact-links', input)
}

export async function deleteImpactLink(id) {
  await requestJson('DELETE', `/api/v1/impact-links/${encodeURIComponent(id)}`)
}

/** Returns the contribution links with `nodeId` at either end: {fromId, toId, from, to, note}. */
export async function listContributions(nodeId) {
  const { items } = await fetchAllPages('/api/v1/contributions', { node: nodeId })
  return items
}

/** Records that node `fromId` also helps node `toId`, from {fromId, toId, note}. */
export async function createContribution(input) {
  return requestJson('POST', '/api/v1/contributions', input)
}

export async function deleteContribution(fromId, toId) {
  await requestJson('DELETE', `/api/v1/contributions/${encodeURIComponent(fromId)}/${encodeURIComponent(toId)}`)
}
