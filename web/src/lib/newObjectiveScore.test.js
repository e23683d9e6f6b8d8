import { describe, expect, it } from 'vitest'
import { newObjectiveScoreDrop, parentScoreDrop, scoreWithNewObjective, scoredCyclesForNewObjective } from './newObjectiveScore.js'

const YEAR = { id: 'year', key: '2026', name: '2026', kind: 'annual', parentId: null, start: '2026-01-01', end: '2026-12-31' }
const Q3 = { id: 'q3', key: '2026-q3', name: 'Q3 2026', kind: 'quarter', parentId: 'year', start: '2026-07-01', end: '2026-09-30' }
const Q4 = { id: 'q4', key: '2026-q4', name: 'Q4 2026', kind: 'quarter', parentId: 'year', start: '2026-10-01', end: '2026-12-31' }
const Q1 = { id: 'q1-2027', key: '2027-q1', name: 'Q1 2027', kind: 'quarter', parentId: null, start: '2027-01-01', end: '2027-03-31' }
const CYCLES = [YEAR, Q3, Q4, Q1]
const TODAY = '2026-12-05'

function objective(id, cycleId, progress, unitId = 'checkout') {
  return { id, kind: 'objective', unitId, cycleId, progress, expected: 0.9, noData: false, status: 'on_track' }
}

function board(...nodes) {
  return { nodes: Object.fromEntries(nodes.map((node) => [node.id, node])) }
}

describe('scoreWithNewObjective', () => {
  it('adds an objective of 0 % to the mean', () => {
    const drop = scoreWithNewObjective([objective('a', 'q4', 0.8), objective('b', 'q4', 0.7), objective('c', 'q4', 0.7)])
    expect(drop.before).toBe(0.7333)
    expect(drop.after).toBe(0.55)
  })

  it('is null without objectives', () => {
    expect(scoreWithNewObjective([])).toBeNull()
  })

  it('is null while the score is 0', () => {
    expect(scoreWithNewObjective([objective('a', 'q4', 0)])).toBeNull()
  })
})

describe('scoredCyclesForNewObjective', () => {
  it('counts every running cycle for a running cycle', () => {
    const scored = scoredCyclesForNewObjective(CYCLES, 'q4', TODAY)
    expect([...scored.ids].sort()).toEqual(['q4', 'year'])
    expect(scored.cycle).toBeNull()
  })

  it('counts the chosen cycle for a later cycle', () => {
    const scored = scoredCyclesForNewObjective(CYCLES, 'q1-2027', TODAY)
    expect([...scored.ids]).toEqual(['q1-2027'])
    expect(scored.cycle).toBe(Q1)
  })

  it('is null for an unknown cycle', () => {
    expect(scoredCyclesForNewObjective(CYCLES, 'missing', TODAY)).toBeNull()
  })
})

describe('newObjectiveScoreDrop', () => {
  const state = board(
    objective('year-goal', 'year', 0.9),
    objective('q4-goal', 'q4', 0.6),
    objective('q3-goal', 'q3', 0.2),
    objective('other-unit', 'q4', 0.1, 'search'),
  )

  it('scores the running cycles of the unit', () => {
    expect(newObjectiveScoreDrop(state, 'checkout', CYCLES, 'q4', TODAY)).toEqual({ before: 0.75, after: 0.5, cycle: null })
  })

  it('names a cycle that does not run today', () => {
    const drop = newObjectiveScoreDrop(board(objective('plan', 'q1-2027', 0.4)), 'checkout', CYCLES, 'q1-2027', TODAY)
    expect(drop).toEqual({ before: 0.4, after: 0.2, cycle: Q1 })
  })

  it('is null before the board arrives', () => {
    expect(newObjectiveScoreDrop(null, 'checkout', CYCLES, 'q4', TODAY)).toBeNull()
  })
})

describe('parentScoreDrop', () => {
  function child(id, kind, progress, weight = 1, parentId = 'parent') {
    return { id, kind, parentId, progress, weight, status: 'on_track' }
  }

  const parent = { id: 'parent', kind: 'objective', title: 'Grow online sales', parentId: null, progress: 0.6, status: 'on_track' }

  it('adds a child of 0 % to the weighted mean', () => {
    // (1 x 0.4 + 2 x 0.7) / 3 = 0.6, and with a new child of weight 1: 1.8 / 4 = 0.45.
    const state = board(parent, child('a', 'objective', 0.4), child('b', 'objective', 0.7, 2))
    expect(parentScoreDrop(state, 'parent', null, 1)).toEqual({ before: 0.6, after: 0.45, title: 'Grow online sales' })
  })

  it('weighs the new child by its weight', () => {
    // 1.8 / (3 + 0.5) = 0.514285..., rounded half up to 0.5143.
    const state = board(parent, child('a', 'objective', 0.4), child('b', 'objective', 0.7, 2))
    expect(parentScoreDrop(state, 'parent', null, 0.5).after).toBe(0.5143)
  })

  it('rounds the mean half up', () => {
    // 0.0001 / 2 = 0.00005, which rounds half up to 0.0001.
    const state = board({ ...parent, progress: 0.0001 }, child('a', 'objective', 0.0001))
    expect(parentScoreDrop(state, 'parent', null, 1)).toBeNull()
    const twoChildren = board({ ...parent, progress: 0.0002 }, child('a', 'objective', 0.0001), child('b', 'objective', 0.0003))
    expect(parentScoreDrop(twoChildren, 'parent', null, 1).after).toBe(0.0001)
  })

  it('counts key results beside children that roll up', () => {
    // Key result 0.9 (weight 1) and child 0.3 (weight 1): 0.6, then 1.2 / 3 = 0.4.
    const state = board(parent, child('k', 'key_result', 0.9), child('a', 'objective', 0.3))
    expect(parentScoreDrop(state, 'parent', true, 1).after).toBe(0.4)
  })

  it('leaves out members of weight 0', () => {
    const state = board(parent, child('a', 'objective', 0.6), child('b', 'objective', 0.1, 0))
    expect(parentScoreDrop(state, 'parent', null, 1).after).toBe(0.3)
  })

  it('is null for a parent with key results by default', () => {
    const state = board(parent, child('k', 'key_result', 0.6))
    expect(parentScoreDrop(state, 'parent', null, 1)).toBeNull()
  })

  it('is null for a parent that does not roll up', () => {
    const state = board(parent, child('a', 'objective', 0.6))
    expect(parentScoreDrop(state, 'parent', false, 1)).toBeNull()
  })

  it('is null for a new child of weight 0', () => {
    const state = board(parent, child('a', 'objective', 0.6))
    expect(parentScoreDrop(state, 'parent', null, 0)).toBeNull()
  })

  it('is null for a closed parent', () => {
    const state = board({ ...parent, status: 'closed' }, child('a', 'objective', 0.6))
    expect(parentScoreDrop(state, 'parent', null, 1)).toBeNull()
  })

  it('is null before the goal board arrives', () => {
    expect(parentScoreDrop(null, 'parent', null, 1)).toBeNull()
  })

  it('lowers the unit score with the parent of the unit', () => {
    const state = board(objective('parent', 'q4', 0.6), objective('other', 'q4', 0.8))
    // Before: (0.6 + 0.8) / 2 = 0.7. After: the parent at 0.3 and the new objective at 0: 1.1 / 3.
    expect(newObjectiveScoreDrop(state, 'checkout', CYCLES, 'q4', TODAY, { id: 'parent', after: 0.3 })).toEqual({ before: 0.7, after: 0.3667, cycle: null })
  })
})
