import { describe, expect, it } from 'vitest'
import { defaultStage, impactLinkRequest, linkFieldErrors } from './links.js'

const NODE = { id: 'i-1', kind: 'initiative' }
const OTHER = { id: 'k-1', kind: 'key_result' }

describe('impactLinkRequest', () => {
  it('leads from the node for direction out', () => {
    expect(impactLinkRequest({ node: NODE, nodeStage: 'output', other: OTHER, otherStage: 'outcome', direction: 'out', note: ' ' })).toEqual({
      fromId: 'i-1', fromStage: 'output', toId: 'k-1', toStage: 'outcome', note: null,
    })
  })

  it('leads to the node for direction in', () => {
    expect(impactLinkRequest({ node: OTHER, nodeStage: 'outcome', other: NODE, otherStage: 'input', direction: 'in', note: 'ships first' })).toEqual({
      fromId: 'i-1', fromStage: 'input', toId: 'k-1', toStage: 'outcome', note: 'ships first',
    })
  })
})

describe('linkFieldErrors', () => {
  it('maps the server ends onto the node and the other node', () => {
    const messages = { fromStage: 'an initiative is input or output', toId: 'not found' }
    expect(linkFieldErrors(messages, 'out')).toEqual({ nodeStage: 'an initiative is input or output', otherStage: null, other: 'not found', note: null })
    expect(linkFieldErrors(messages, 'in')).toEqual({ nodeStage: null, otherStage: 'an initiative is input or output', other: null, note: null })
  })
})

describe('defaultStage', () => {
  it.each([
    ['initiative', 'input'],
    ['kpi', 'output'],
    ['key_result', 'outcome'],
    ['strategic_outcome', 'impact'],
  ])('proposes a stage for %s', (kind, stage) => {
    expect(defaultStage(kind)).toBe(stage)
  })
})
