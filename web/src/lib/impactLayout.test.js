import { describe, expect, it } from 'vitest'
import { LAYOUT, layoutImpactChain, nodeStages, wrapTitle } from './impactLayout.js'

const CHAIN = {
  rootId: 'kr',
  nodes: [
    { id: 'epic', kind: 'initiative', title: 'One-click reorder epic', stage: null },
    { id: 'kr', kind: 'key_result', title: 'Checkout conversion', stage: null },
    { id: 'revenue', kind: 'kpi', title: 'Online revenue', stage: null },
    { id: 'lonely', kind: 'strategic_outcome', title: 'Loyal customers', stage: null },
  ],
  links: [
    { id: 'l1', fromId: 'epic', fromStage: 'output', toId: 'kr', toStage: 'outcome' },
    { id: 'l2', fromId: 'kr', fromStage: 'outcome', toId: 'revenue', toStage: 'impact' },
    { id: 'l3', fromId: 'kr', fromStage: 'outcome', toId: 'gone', toStage: 'impact' },
  ],
}

describe('nodeStages', () => {
  it('takes stages from the links and defaults by kind', () => {
    expect(Object.fromEntries(nodeStages(CHAIN))).toEqual({ epic: 'output', kr: 'outcome', revenue: 'impact', lonely: 'impact' })
  })

  it('prefers the stage a node reports', () => {
    const chain = { ...CHAIN, nodes: [{ id: 'kr', kind: 'key_result', title: 'x', stage: 'output' }] }
    expect(nodeStages(chain).get('kr')).toBe('output')
  })
})

describe('layoutImpactChain', () => {
  const layout = layoutImpactChain(CHAIN)
  const byId = Object.fromEntries(layout.nodes.map((node) => [node.id, node]))

  it('places each stage in its own column from left to right', () => {
    expect(byId.epic.x).toBeLessThan(byId.kr.x)
    expect(byId.kr.x).toBeLessThan(byId.revenue.x)
    expect(byId.kr.x).toBe(LAYOUT.left + 2 * LAYOUT.columnWidth)
  })

  it('stacks the nodes of one column by title', () => {
    expect(byId.revenue.y).toBeGreaterThan(byId.lonely.y)
  })

  it('puts the root first in its column', () => {
    const chain = { ...CHAIN, rootId: 'revenue' }
    const rooted = Object.fromEntries(layoutImpactChain(chain).nodes.map((node) => [node.id, node]))
    expect(rooted.revenue.y).toBeLessThan(rooted.lonely.y)
    expect(rooted.revenue.root).toBe(true)
  })

  it('leaves out links to nodes that are not in the answer', () => {
    expect(layout.links.map((link) => link.id)).toEqual(['l1', 'l2'])
  })

  it('draws links from source to target edge', () => {
    const path = layout.links[0].path
    expect(path.startsWith(`M ${byId.epic.x + LAYOUT.boxWidth} `)).toBe(true)
    expect(path.endsWith(`${byId.kr.x} ${byId.kr.y + LAYOUT.boxHeight / 2}`)).toBe(true)
  })

  it('is tall enough for the fullest column', () => {
    expect(layout.height).toBe(LAYOUT.top + 2 * (LAYOUT.boxHeight + LAYOUT.rowGap))
  })
})

describe('layoutImpactChain with long titles', () => {
  const TITLE = 'Personalise the storefront with machine learning'
  const chain = {
    rootId: 'objective',
    nodes: [
      { id: 'objective', kind: 'objective', title: TITLE, stage: 'outcome' },
      { id: 'kr', kind: 'key_result', title: 'Serve models', stage: 'outcome' },
      { id: 'epic', kind: 'initiative', title: 'Feature store', stage: 'output' },
    ],
    links: [{ id: 'l1', fromId: 'epic', fromStage: 'output', toId: 'objective', toStage: 'outcome' }],
  }
  const byId = Object.fromEntries(layoutImpactChain(chain).nodes.map((node) => [node.id, node]))

  it('wraps the whole title', () => {
    expect(byId.objective.lines).toEqual(['Personalise the', 'storefront with machine', 'learning'])
    expect(byId.objective.lines.join(' ')).toBe(TITLE)
  })

  it('grows the box with its lines', () => {
    expect(byId.objective.height).toBe(LAYOUT.firstLine + 2 * LAYOUT.lineHeight + 12)
    expect(byId.objective.height).toBeGreaterThan(LAYOUT.boxHeight)
    expect(byId.kr.height).toBe(LAYOUT.boxHeight)
  })

  it('places the next box below a tall one', () => {
    expect(byId.kr.y).toBe(byId.objective.y + byId.objective.height + LAYOUT.rowGap)
  })

  it('ends a link at the middle of a tall box', () => {
    const path = layoutImpactChain(chain).links[0].path
    expect(path.endsWith(`${byId.objective.x} ${byId.objective.y + byId.objective.height / 2}`)).toBe(true)
  })
})

describe('wrapTitle', () => {
  it('keeps a short title on one line', () => {
    expect(wrapTitle('Online revenue', 24, 2)).toEqual(['Online revenue'])
  })

  it('breaks at spaces', () => {
    expect(wrapTitle('Raise checkout conversion from 2.1 %', 24, 2)).toEqual(['Raise checkout', 'conversion from 2.1 %'])
  })

  it('ends a title that does not fit with an ellipsis', () => {
    expect(wrapTitle('Raise checkout conversion from 2.1 % to 3.5 %', 24, 2)).toEqual(['Raise checkout', 'conversion from 2.1 % t…'])
  })

  it('cuts a word longer than a line', () => {
    expect(wrapTitle('Donaudampfschifffahrtsgesellschaft', 10, 2)).toEqual(['Donaudamp…'])
  })
})
