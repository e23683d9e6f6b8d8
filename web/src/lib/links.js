// Choices of the link editor: which stage a node usually sits in and which stages it may take.

/** Stages each node kind may take in an impact link, as the server checks them. */
export const STAGES_BY_KIND = {
  initiative: ['input', 'output'],
  kpi: ['input', 'output', 'outcome', 'impact'],
  key_result: ['outcome'],
  objective: ['outcome', 'impact'],
  strategic_outcome: ['impact'],
}

const DEFAULT_STAGE = { initiative: 'input', kpi: 'output', key_result: 'outcome', objective: 'outcome', strategic_outcome: 'impact' }

/** Returns the stage a node of `kind` usually takes, which the form proposes first. */
export function defaultStage(kind) {
  return DEFAULT_STAGE[kind] ?? 'outcome'
}

/**
 * Returns the link editor's request: with `direction` 'out' the node leads to the other node,
 * with 'in' the other node leads to it.
 */
export function impactLinkRequest({ node, nodeStage, other, otherStage, direction, note }) {
  const ends = direction === 'out'
    ? { fromId: node.id, fromStage: nodeStage, toId: other.id, toStage: otherStage }
    : { fromId: other.id, fromStage: otherStage, toId: node.id, toStage: nodeStage }
  const text = (note ?? '').trim()
  return { ...ends, note: text === '' ? null : text }
}

/**
 * Maps the server's field names of an impact-link error onto the form's: with direction 'out'
 * the node is `from`, else `to`.
 */
export function linkFieldErrors(messages, direction) {
  const nodeEnd = direction === 'out' ? 'from' : 'to'
  const otherEnd = direction === 'out' ? 'to' : 'from'
  return {
    nodeStage: messages[`${nodeEnd}Stage`] ?? null,
    otherStage: messages[`${otherEnd}Stage`] ?? null,
    other: messages[`${otherEnd}Id`] ?? null,
    note: messages.note ?? null,
  }
}
