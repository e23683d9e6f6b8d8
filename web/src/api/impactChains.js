import { requestJson, withQuery } from './http.js'

/**
 * Walks the impact chain of a node: {rootId, nodes: [{id, key, kind, title, stage, status,
 * progress}], links: [{id, fromId, fromStage, toId, toStage}]}. `direction` is up, down or
 * both; `depth` 1-10.
 */
export async function fetchImpactChain(nodeId, { direction = 'both', depth = null } = {}) {
  const body = await requestJson(
    'GET',
    withQuery(`/api/v1/impact-chains/${encodeURIComponent(nodeId)}`, { direction, depth }),
  )
  return {
    rootId: body?.rootId ?? body?.root?.id ?? nodeId,
    nodes: (body?.nodes ?? []).map((node) => ({
      id: node.id,
      key: node.key ?? null,
      kind: node.kind ?? null,
      title: node.title ?? node.key ?? node.id,
      stage: node.stage ?? null,
      status: node.status ?? null,
      progress: node.progress ?? null,
    })),
    links: (body?.links ?? body?.edges ?? []).map((link) => ({
      id: link.id ?? `${link.fromId}-${link.toId}`,
      fromId: link.fromId,
      fromStage: link.fromStage,
      toId: link.toId,
      toStage: link.toStage,
    })),
  }
}
