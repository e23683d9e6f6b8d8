import { describe, expect, it } from 'vitest'
import { buildCycleTree, carryOverTargets, parentCandidates } from './cycleTree.js'

const STRATEGY = { id: 's', key: 'strategy', kind: 'strategy', parentId: null, start: '2025-01-01', end: '2027-12-31', closed: false }
const YEAR_2026 = { id: 'y26', key: '2026', kind: 'annual', parentId: 's', start: '2026-01-01', end: '2026-12-31', closed: false }
const YEAR_2025 = { id: 'y25', key: '2025', kind: 'annual', parentId: 's', start: '2025-01-01', end: '2025-12-31', closed: true }
const Q2 = { id: 'q2', key: '2026-q2', kind: 'quarter', parentId: 'y26', start: '2026-04-01', end: '2026-06-30', closed: false }
const Q1 = { id: 'q1', key: '2026-q1', kind: 'quarter', parentId: 'y26', start: '2026-01-01', end: '2026-03-31', closed: false }
const ORPHAN = { id: 'o', key: 'lost-q', kind: 'quarter', parentId: 'gone', start: '2024-01-01', end: '2024-03-31', closed: false }

describe('buildCycleTree', () => {
  it('nests years and quarters by start date', () => {
    const tree = buildCycleTree([Q2, YEAR_2026, Q1, STRATEGY, YEAR_2025])
    expect(tree.map((branch) => branch.cycle.id)).toEqual(['s'])
    expect(tree[0].children.map((branch) => branch.cycle.id)).toEqual(['y25', 'y26'])
    expect(tree[0].children[1].children.map((branch) => branch.cycle.id)).toEqual(['q1', 'q2'])
  })

  it('keeps a cycle with a missing parent at the top', () => {
    const tree = buildCycleTree([STRATEGY, ORPHAN])
    expect(tree.map((branch) => branch.cycle.id)).toEqual(['o', 's'])
  })
})

describe('parentCandidates', () => {
  it.each([
    ['strategy', []],
    ['annual', ['s']],
    ['quarter', ['y25', 'y26']],
  ])('offers the right parents for %s', (kind, expected) => {
    expect(parentCandidates([Q1, YEAR_2026, STRATEGY, YEAR_2025], kind).map((cycle) => cycle.id)).toEqual(expected)
  })
})

describe('carryOverTargets', () => {
  it('lists suggestions first, then other open cycles of the kind', () => {
    const targets = carryOverTargets([Q1, Q2, ORPHAN, YEAR_2026], Q1, [Q2])
    expect(targets.map((cycle) => cycle.id)).toEqual(['q2', 'o'])
  })

  it('leaves out closed cycles and the cycle itself', () => {
    const closedQ2 = { ...Q2, closed: true }
    expect(carryOverTargets([Q1, closedQ2], Q1, [])).toEqual([])
  })
})
